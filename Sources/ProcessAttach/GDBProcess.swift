import Foundation

/// Runs gdb as a child in a process group of its own, reading its output while it runs, and
/// kills the whole group if it outlives its time limit.
struct GDBProcess {
    /// What a finished (or killed) gdb printed.
    struct Result {
        /// Every line gdb printed on stdout and stderr, in order.
        var lines: [String]
        /// Whether it was killed for running past its limit.
        var timedOut: Bool
        /// The values of the `REFGRAPH key value` lines, in order.
        var reports: [(key: String, value: String)] {
            lines.compactMap { line in
                guard line.hasPrefix("REFGRAPH ") else { return nil }
                let rest = line.dropFirst("REFGRAPH ".count)
                let key = rest.prefix { $0 != " " }
                return (String(key), String(rest.dropFirst(key.count).drop { $0 == " " }))
            }
        }
    }

    /// The gdb on `PATH` (or `explicit`), or an error saying how to install it.
    static func locate(_ explicit: String?) throws(AttachError) -> String {
        let missing = AttachError(
            .gdbMissing,
            "refgraph attach needs gdb, which is not installed: install it (Debian/Ubuntu: 'sudo apt-get install gdb')."
        )
        if let explicit {
            guard access(explicit, X_OK) == 0 else { throw missing }
            return explicit
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/gdb"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw missing
    }

    /// Runs `gdb arguments` with `environment` added to refgraph's own, for at most `timeout` seconds.
    static func run(
        _ gdb: String,
        _ arguments: [String],
        environment: [String: String],
        timeout: Double
    ) throws(AttachError) -> Result {
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(gdb, arguments, environment: environment)
        } catch {
            throw AttachError(.gdbMissing, "Cannot run gdb (\(gdb)): \(error.message)")
        }
        let readEnd = child.output
        defer { close(readEnd) }

        var output: [UInt8] = []
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                timedOut = true
                kill(-child.pid, SIGKILL)
                break
            }
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 0.2) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: output, as: UTF8.self)
        return Result(lines: text.split(separator: "\n").map(String.init), timedOut: timedOut)
    }
}
