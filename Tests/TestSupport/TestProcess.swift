import Foundation

/// A child process a test starts, talks to and watches: the one way tests run programs.
///
/// It is started with `posix_spawn` in a process group of its own, with no signal blocked
/// and every disposition at its default: a child inherits both, and tests run on threads
/// that block nearly every signal, so a signal sent to a child started otherwise (as
/// Foundation's `Process` does) may never arrive. Its stdout and stderr are read on threads
/// of their own as they come (a reader that waits for the exit first hangs once a pipe's
/// 64 KiB fill), its stdin is a pipe or /dev/null, and its exit is awaited on a thread that
/// wakes whoever waits for it: nothing polls or sleeps. When the test lets go of it, a child
/// still running is killed with its process group and reaped.
public final class TestProcess: @unchecked Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let state: State
    private let input: Int32?

    /// Starts `executable` (a path; `PATH` is not searched) with `arguments`, in `directory`
    /// (else the test's own), with `environment` (else the test's own), and with a pipe to
    /// write to its stdin when `input` is true (else it reads /dev/null).
    public init(
        _ executable: String,
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String]? = nil,
        input wantsInput: Bool = false
    ) throws {
        Self.ignoreBrokenPipes
        let stdout = try Self.pipe()
        let stderr = try Self.pipe()
        let stdin = wantsInput ? try Self.pipe() : nil
        defer {
            for fd in [stdout.write, stderr.write, stdin?.read].compactMap({ $0 }) { close(fd) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        // Nothing else of the test process's: a file another thread has open for writing
        // would otherwise stay open in the child (and executing it would fail, "text file busy").
        guard let closeFrom = GNUFunctions.closeFrom else {
            throw TestProcessError("this C library has no posix_spawn_file_actions_addclosefrom_np")
        }
        closeFrom(&actions, 3)
        if let directory {
            guard let addChdir = GNUFunctions.addChdir else {
                throw TestProcessError("this C library has no posix_spawn_file_actions_addchdir_np")
            }
            addChdir(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        let variables = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for string in argv + envp { free(string) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            for fd in [stdout.read, stderr.read, stdin?.write].compactMap({ $0 }) { close(fd) }
            throw TestProcessError("could not start \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        input = stdin?.write
        state = State()
        state.collect(stdout.read, stdout: true)
        state.collect(stderr.read, stdout: false)
        state.awaitExit(of: pid)
    }

    deinit {
        end(signal: SIGKILL)
        _ = wait(timeout: 30)
        if let input { close(input) }
    }

    /// Everything it wrote to stdout so far.
    public var stdout: String { state.read { String(decoding: $0.stdout, as: UTF8.self) } }

    /// Everything it wrote to stderr so far.
    public var stderr: String { state.read { String(decoding: $0.stderr, as: UTF8.self) } }

    /// Whether it has not exited yet.
    public var isRunning: Bool { state.read { $0.exitStatus == nil } }

    /// The next whole line of its stdout after those already returned, waiting up to
    /// `timeout` seconds; an error if its stdout closes or the time runs out first.
    public func nextLine(timeout: Double = 60) throws -> String {
        try nextLine(where: { _ in true }, timeout: timeout)
    }

    /// The next line of its stdout that starts with `prefix`, passing over the others.
    public func nextLine(startingWith prefix: String, timeout: Double = 60) throws -> String {
        try nextLine(where: { $0.hasPrefix(prefix) }, timeout: timeout)
    }

    private func nextLine(where matches: (String) -> Bool, timeout: Double) throws -> String {
        let found = try state.waitFor(until: Date().addingTimeInterval(timeout)) { fields -> String? in
            while let newline = fields.stdout[fields.cursor...].firstIndex(of: 0x0A) {
                let line = String(decoding: fields.stdout[fields.cursor..<newline], as: UTF8.self)
                fields.cursor = newline + 1
                if matches(line) { return line }
            }
            if fields.stdoutClosed { throw TestProcessError("its stdout closed; it printed: \(fields.text)") }
            return nil
        }
        guard let found else { throw TestProcessError("no such line within \(timeout) s; it printed: \(stdout)") }
        return found
    }

    /// Writes `line` and a newline to its stdin (started with `input: true`).
    public func writeLine(_ line: String) throws {
        guard let input else { throw TestProcessError("it was started without a pipe to its stdin") }
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw TestProcessError("writing to its stdin failed: \(String(cString: strerror(errno)))")
            }
            written += n
        }
    }

    /// Sends `signal` to it (not to its process group), unless it has exited.
    public func send(_ signal: Int32) {
        state.read { if $0.exitStatus == nil { kill(pid, signal) } }
    }

    /// Sends `signal` to its whole process group, unless it has exited.
    public func end(signal: Int32 = SIGTERM) {
        state.read { if $0.exitStatus == nil { kill(-pid, signal) } }
    }

    /// Its exit status (its exit code, or 128 plus the signal that ended it, as a shell says),
    /// or nil if it has not exited within `timeout` seconds.
    public func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        return try? state.waitFor(until: deadline) { $0.exitStatus }
    }

    /// Waits up to `timeout` seconds for its stdout and stderr to close (they stay open while
    /// a child of its own holds them).
    public func waitForOutputToClose(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        _ = try? state.waitFor(until: deadline) { $0.openStreams == 0 ? true : nil }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        // Close-on-exec from the start: a child another test starts meanwhile must not inherit
        // these ends (it would hold the pipe open after this child's exit).
        guard let pipe2 = GNUFunctions.pipe2, pipe2(&ends, O_CLOEXEC) == 0 else {
            throw TestProcessError("pipe2 failed: \(String(cString: strerror(errno)))")
        }
        return (ends[0], ends[1])
    }

    /// A write to the stdin of a child that has exited must fail, not end the test run.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// glibc functions Swift's Glibc module leaves out (they are declared only with `_GNU_SOURCE`).
private enum GNUFunctions {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    static let addChdir = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }
    static let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }
    static let pipe2 = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
}

/// What the threads of one child share with the test: its output, its exit, a lock.
private final class State: @unchecked Sendable {
    struct Fields {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var cursor = 0
        var openStreams = 2
        var stdoutClosed = false
        var exitStatus: Int32?

        /// Its output so far, for messages.
        var text: String { String(decoding: stdout, as: UTF8.self) + String(decoding: stderr, as: UTF8.self) }
    }

    private let condition = NSCondition()
    private var fields = Fields()

    func read<T>(_ body: (Fields) throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body(fields)
    }

    /// Runs `check` under the lock each time something changes until it returns a value or
    /// throws; nil when `deadline` passes first.
    func waitFor<T>(until deadline: Date, _ check: (inout Fields) throws -> T?) throws -> T? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = try check(&fields) { return value }
            if !condition.wait(until: deadline) { return try check(&fields) }
        }
    }

    private func update(_ body: (inout Fields) -> Void) {
        condition.lock()
        body(&fields)
        condition.broadcast()
        condition.unlock()
    }

    func collect(_ fd: Int32, stdout isStdout: Bool) {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                update {
                    if isStdout { $0.stdout += chunk[0..<n] } else { $0.stderr += chunk[0..<n] }
                }
            }
            close(fd)
            update {
                $0.openStreams -= 1
                if isStdout { $0.stdoutClosed = true }
            }
        }
    }

    /// Waits for the child's exit without reaping it (`WNOWAIT`), then reaps it under the
    /// lock: while `exitStatus` is nil its pid cannot belong to another process.
    func awaitExit(of pid: pid_t) {
        Thread.detachNewThread { [self] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
            update { fields in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                // WIFEXITED/WEXITSTATUS are macros: exit code in bits 8-15, a signal in 0-6.
                fields.exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
    }
}

/// Why a child could not be started or did not do what a test waited for.
public struct TestProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
