/// Everything that can go wrong while drawing or writing a graph; `description` is one
/// full sentence for the user.
public struct GraphRenderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What failed, with the context a message needs.
    public enum Reason: Equatable, Sendable {
        /// The subgraph has more objects than `DrawOptions.maxNodes`.
        case tooManyNodes(count: Int, limit: Int)
        /// The laid-out drawing, `width` × `height` inches, is larger than a picture with
        /// readable text may be (`DotStyle.maxCanvasInches`, `DotStyle.maxCanvasPixels`).
        case tooLarge(width: Int, height: Int)
        /// The template folder is missing from the resource bundle.
        case templatesMissing(family: String)
        /// A template could not be read or parsed.
        case templateInvalid(name: String, reason: String)
        /// Graphviz could not start (no context, or no layout plugin).
        case graphvizUnavailable(message: String)
        /// Graphviz could not parse the DOT text.
        case graphvizParse(message: String)
        /// Graphviz could not lay the graph out.
        case graphvizLayout(message: String)
        /// Graphviz laid the graph out but could not render it in this format.
        case graphvizRender(format: OutputFormat, message: String)
        /// The output file could not be written.
        case write(path: String, reason: String)
    }

    public var reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case let .tooManyNodes(count, limit):
            "The graph has \(count) objects, more than the \(limit) that can be drawn; "
                + "lower '--max-depth' or '--too-many' to draw fewer."
        case let .tooLarge(width, height):
            "The drawing would be \(width) × \(height) inches, too large to show its text at a readable size; "
                + "lower '--max-depth' or '--too-many' to draw fewer objects, or write '--output FILE.dot'."
        case let .templatesMissing(family):
            "The '\(family)' templates are missing from refgraph's resources; reinstall refgraph."
        case let .templateInvalid(name, reason):
            "The template '\(name)' is invalid: \(sentence(reason))"
        case let .graphvizUnavailable(message):
            "Graphviz could not start: \(sentence(message))"
        case let .graphvizParse(message):
            "Graphviz could not read the DOT text: \(sentence(message))"
        case let .graphvizLayout(message):
            "Graphviz could not lay out the graph: \(sentence(message))"
        case let .graphvizRender(format, message):
            "Graphviz could not render the graph as \(format.rawValue.uppercased()): \(sentence(message))"
        case let .write(path, reason):
            "Could not write '\(path)': \(sentence(reason))"
        }
    }
}

/// `text` as the end of a one-line sentence: newlines folded, a full stop at the end.
private func sentence(_ text: String) -> String {
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard let last = words.last else { return "no reason was given." }
    return ".!?".contains(last) ? words : words + "."
}
