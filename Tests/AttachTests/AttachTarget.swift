import Foundation
import ProcessAttach
import TestSupport

/// A fixture program running in the background as an attach target: started with a given
/// Python, it is asked for a ping (SIGUSR1 → a "pong" line) and to stop (SIGUSR2 → "bye" and
/// exit 0), and is killed when the test lets go of it, whatever happened.
final class AttachTarget: @unchecked Sendable {
    private let process: TestProcess

    var pid: pid_t { process.pid }

    /// Starts `python script arguments` and waits for its "ready" line.
    init(python: String, script: String, arguments: [String], readyPrefix: String = "ready") throws {
        process = try TestProcess(python, [script] + arguments)
        do {
            _ = try process.nextLine(startingWith: readyPrefix, timeout: 60)
        } catch {
            throw AttachTestError("the fixture never printed '\(readyPrefix)': \(error)")
        }
    }

    /// Whether it has not exited yet.
    var isRunning: Bool { process.isRunning }

    /// Everything it printed so far, stdout then stderr.
    var output: String { process.stdout + process.stderr }

    /// The next printed line starting with `prefix`, waiting up to `timeout` seconds.
    func nextLine(startingWith prefix: String, timeout: Double) -> String? {
        try? process.nextLine(startingWith: prefix, timeout: timeout)
    }

    /// Sends a ping and returns the answer line ("pong MARKERS ENTRY_OK THREADS"), if any.
    func ping(timeout: Double = 30) -> String? {
        process.send(SIGUSR1)
        return nextLine(startingWith: "pong", timeout: timeout)
    }

    /// Tells it to stop; returns its "bye" line and exit status, or nil if it did not exit in time.
    func stop(timeout: Double = 30) -> (bye: String?, status: Int32)? {
        process.send(SIGUSR2)
        guard let status = process.wait(timeout: timeout) else { return nil }
        return (nextLine(startingWith: "bye", timeout: 10), status)
    }

    /// Kills it once gdb has attached to it and let go again (while the attach waits for the
    /// agent), watching its `TracerPid` on a thread of its own; after `timeout` seconds at the latest.
    func killOnceGDBLetsGo(timeout: Double = 120) {
        let pid = pid
        let process = process
        Thread.detachNewThread {
            var traced = false
            _ = poll(timeout: timeout) {
                let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
                let tracer = status.split(separator: "\n").first { $0.hasPrefix("TracerPid:") }
                let nowTraced = tracer.map { !$0.hasSuffix("\t0") } ?? false
                defer { traced = traced || nowTraced }
                return !process.isRunning || (traced && !nowTraced)
            }
            process.end(signal: SIGKILL)
        }
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
    /// The outside reader's driver, built beside the tests.
    static let probe = (TestPaths.refgraphBinary as NSString).deletingLastPathComponent + "/heap-reader-probe"
    /// The agent the CLI bundles, from the source tree.
    static let agent = TestPaths.agentSource

    /// The interpreters attach is tested on: pyenv's 3.8, 3.11 and 3.13 (shared libpython,
    /// debug info) and Debian's statically linked, stripped python3.11.
    static let interpreters = ["3.8", "3.11", "3.13", Interpreters.debianPython311]

    /// The interpreter an entry of `interpreters` names (a pyenv version or a path), or an
    /// error naming `scripts/install-deps`.
    static func python(_ name: String) throws -> String {
        name.hasPrefix("/") ? try Interpreters.requireExecutable(name) : try Interpreters.require(name)
    }
}
