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
            .gdbMissing, "refgraph attach needs gdb, which is not installed: install it (Debian/Ubuntu: 'sudo apt-get install gdb').")
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
    static func run(_ gdb: String, _ arguments: [String], environment: [String: String], timeout: Double) throws(AttachError) -> Result {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw AttachError(.injectionFailed, "Cannot start gdb: \(String(cString: strerror(errno))).")
        }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        let argv = ([gdb] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, gdb, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw AttachError(.gdbMissing, "Cannot run gdb (\(gdb)): \(String(cString: strerror(spawned))).")
        }
        defer { close(readEnd) }

        var output: [UInt8] = []
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                timedOut = true
                kill(-child, SIGKILL)
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
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: output, as: UTF8.self)
        return Result(lines: text.split(separator: "\n").map(String.init), timedOut: timedOut)
    }
}
