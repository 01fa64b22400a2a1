import CGraphviz
import Synchronization

/// Captures what Graphviz reports through `agerr` (which would print it on stderr) while a
/// render runs, through a handler installed with `agseterrf`.
enum GraphvizMessages {
    private static let text = Mutex("")

    /// Receives Graphviz's messages in pieces ("Error", ": ", the text).
    private static let handler: agusererrf = { piece in
        guard let piece else { return 0 }
        let string = String(cString: piece)
        text.withLock { $0 += string }
        return 0
    }

    /// Runs `body` with Graphviz's messages captured, then puts the previous handler back.
    static func capturing<T>(_ body: () throws(GraphRenderError) -> T) throws(GraphRenderError) -> T {
        text.withLock { $0 = "" }
        let previousHandler = agseterrf(handler)
        let previousLevel = agseterr(AGWARN)
        defer {
            agseterrf(previousHandler)
            agseterr(previousLevel)
        }
        return try body()
    }

    /// The errors captured so far on one line (warnings when there are no errors, `fallback`
    /// when there is nothing), and forgets them.
    static func take(or fallback: String) -> String {
        let all = text.withLock { captured in
            defer { captured = "" }
            return captured
        }
        var errors: [String] = []
        var warnings: [String] = []
        for line in all.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingPrefix(while: \.isWhitespace)
            if trimmed.hasPrefix("Error: ") {
                errors.append(String(trimmed.dropFirst("Error: ".count)))
            } else if trimmed.hasPrefix("Warning: ") {
                warnings.append(String(trimmed.dropFirst("Warning: ".count)))
            } else if !trimmed.isEmpty {
                // A continuation of the previous message.
                if errors.isEmpty { warnings.append(String(trimmed)) } else { errors.append(String(trimmed)) }
            }
        }
        let chosen = errors.isEmpty ? warnings : errors
        guard !chosen.isEmpty else { return fallback }
        let line = chosen.joined(separator: " ")
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }
}
