import Reports

/// Text for Graphviz HTML-like labels (`label=<...>`): the one escaping every value of the DOT
/// view model goes through.
///
/// Inside an HTML-like label `&`, `<` and `>` are special to the XML parser behind Graphviz,
/// and a backslash is special to Graphviz itself, even there (`\N` becomes the node's name,
/// `\G` the graph's, `\\` one backslash); quotes are escaped too so a value can never end an
/// attribute. Record-shape characters (`{}|`) have no meaning in HTML-like labels.
enum DotText {
    /// `text` made visible by `SafeText` (cut to `maxCharacters`) and escaped for an HTML-like label.
    ///
    /// - Complexity: O(`maxCharacters`).
    static func label(_ text: String, maxCharacters: Int) -> String {
        escapeMarkup(SafeText.visible(text, maxCharacters: maxCharacters))
    }

    /// `text` (already visible) with `&<>"'` as entities and each backslash doubled.
    ///
    /// - Complexity: O(n).
    static func escapeMarkup(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
