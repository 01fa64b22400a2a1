#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal; the one place the CLI touches stdout and stderr.
enum Console {
    /// Writes text to standard output, ending it with a newline unless it ends with one.
    static func out(_ text: String) {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    /// Writes a line to standard error, after flushing standard output so the two stay in order.
    static func error(_ text: String) {
        fflush(nil)
        let bytes = Array((text + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}
