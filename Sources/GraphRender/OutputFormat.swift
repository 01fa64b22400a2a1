/// The file formats a graph can be written in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Graphviz source text, written as is.
    case dot
    case png
    case svg
    case pdf

    /// The format a file name asks for by its extension (case-insensitive; `.gv` is DOT), or
    /// nil for any other extension.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        if ext == "gv" {
            self = .dot
        } else {
            self.init(rawValue: ext)
        }
    }
}
