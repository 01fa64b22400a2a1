import Foundation
@testable import ProcessAttach
import TestSupport

/// A fixture program running in the background as an attach target: started with a given
/// Python, it is asked for a ping (SIGUSR1 → a "pong" line) and to stop (SIGUSR2 → "bye" and
/// exit 0), and is killed when the test lets go of it, whatever happened.
final class AttachTarget: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var buffer = ""
    private var exitStatus: Int32?

    /// Starts `python script arguments` and waits for its "ready" line. Started with
    /// `ChildProcess` rather than Foundation's `Process`, whose children inherit the test
    /// thread's blocked signals (so a ping would never arrive).
    init(python: String, script: String, arguments: [String], readyPrefix: String = "ready") throws {
        let child = try ChildProcess.spawn(python, [script] + arguments)
        pid = child.pid
        let fd = child.output
        Thread.detachNewThread { [weak self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                guard let self else { break }
                self.lock.lock()
                self.buffer += String(decoding: chunk[0..<n], as: UTF8.self)
                self.lock.unlock()
            }
            close(fd)
        }
        guard waitForLine(prefix: readyPrefix, timeout: 30) != nil else {
            throw AttachTestError("the fixture never printed '\(readyPrefix)'; it printed: \(output)")
        }
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            _ = reap(blocking: true)
        }
    }

    /// Whether it has not exited yet (reaping it if it has).
    var isRunning: Bool { reap(blocking: false) == nil }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        guard result == pid else { return nil }
        // WIFEXITED/WEXITSTATUS are macros: exit code in bits 8-15, a signal number in 0-6.
        exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }

    /// Everything it printed so far.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    /// The first printed line starting with `prefix` after the first `after` lines, waiting up to `timeout` seconds.
    func waitForLine(prefix: String, after skipped: Int = 0, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = output.split(separator: "\n").dropFirst(skipped)
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) { return String(line) }
            if !isRunning {
                Thread.sleep(forTimeInterval: 0.1)
                return output.split(separator: "\n").dropFirst(skipped).first { $0.hasPrefix(prefix) }.map(String.init)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    /// Sends a ping and returns the answer line ("pong MARKERS ENTRY_OK THREADS"), if any.
    func ping(timeout: Double = 20) -> String? {
        let before = output.split(separator: "\n").count
        kill(pid, SIGUSR1)
        return waitForLine(prefix: "pong", after: before, timeout: timeout)
    }

    /// Tells it to stop; returns its "bye" line and exit status, or nil if it did not exit in time.
    func stop(timeout: Double = 30) -> (bye: String?, status: Int32)? {
        kill(pid, SIGUSR2)
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard let status = reap(blocking: false) else { return nil }
        Thread.sleep(forTimeInterval: 0.1)
        return (waitForLine(prefix: "bye", timeout: 1), status)
    }
}

/// The result of an attach run on another thread, handed to the test's thread.
final class AttachOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<AttachSummary, any Error>?

    func set(_ result: Result<AttachSummary, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        self.result = result
    }

    /// The summary, or the attach's error; an error too if it has not finished.
    func get() throws -> AttachSummary {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { throw AttachTestError("the attach has not finished") }
        return try result.get()
    }
}

struct AttachTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Interpreters and files the attach tests use.
enum AttachFixtures {
    static let folder = TestPaths.packageRoot + "/Tests/AttachTests/Fixtures"
    static let target = folder + "/attach_target.py"
    /// The agent the CLI bundles, from the source tree.
    static let agent = TestPaths.packageRoot + "/Sources/PythonAgent/Resources/refgraph_agent.py"

    /// pyenv's interpreter of a version (`"3.11"`), if installed.
    static func pyenv(_ version: String) -> String? {
        let root = ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? NSHomeDirectory() + "/.pyenv"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
        let major = version.split(separator: ".").first.map(String.init) ?? version
        for entry in versions.sorted().reversed() where entry == version || entry.hasPrefix(version + ".") {
            let python = "\(root)/versions/\(entry)/bin/python\(version)"
            if FileManager.default.isExecutableFile(atPath: python) { return python }
            let plain = "\(root)/versions/\(entry)/bin/python\(major)"
            if FileManager.default.isExecutableFile(atPath: plain) { return plain }
        }
        return nil
    }
}
