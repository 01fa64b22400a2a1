/// Text for Graphviz HTML-like labels (`label=<...>`): the one escaping every value of the DOT
/// view model goes through.
///
/// Inside an HTML-like label only `&`, `<` and `>` are special to Graphviz and the XML parser
/// behind it; quotes are escaped too so a value can never end an attribute. Record-shape
/// characters (`{}|`) and backslashes have no meaning in HTML-like labels and stay as they are.
enum DotText {
    /// `text` made visible by `SafeText` (cut to `maxCharacters`) and escaped for an HTML-like label.
    ///
    /// - Complexity: O(`maxCharacters`).
    static func label(_ text: String, maxCharacters: Int) -> String {
        escapeMarkup(SafeText.visible(text, maxCharacters: maxCharacters))
    }

    /// `text` (already visible) with `&<>"'` as entities.
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
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
