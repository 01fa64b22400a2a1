import Foundation
import TestSupport
import Testing

/// Faults during `refgraph attach` read from outside: refgraph killed or interrupted while it
/// holds the target, the target gone while held, a target another tracer holds. The target is
/// never left stopped, and no file is left but after SIGKILL (which nothing can catch).
/// `REFGRAPH_TEST_HOLD_STOPPED` keeps the target held long enough to act in that window.
@Suite(.serialized) struct OutsideAttachFaultTests {
    /// A fixture blocked in read() on its stdin, and refgraph holding it stopped (its "held"
    /// line seen), writing into a fresh folder.
    private func holdStopped(
        _ interpreter: String,
        seconds: Int = 300
    ) throws -> (target: TestProcess, refgraph: TestProcess, folder: String) {
        let python = try AttachFixtures.python(interpreter)
        let target = try TestProcess(python, [OutsideAttachTests.fixture, "read"], input: true)
        _ = try target.nextLine(startingWith: "ready")
        let folder = try TestPaths.scratchFolder("outside-fault")
        var environment = ProcessInfo.processInfo.environment
        environment["REFGRAPH_TEST_HOLD_STOPPED"] = String(seconds)
        let refgraph = try TestProcess(
            TestPaths.refgraphBinary,
            ["attach", String(target.pid), "--snapshot", folder + "/x.rgs"],
            environment: environment
        )
        _ = try refgraph.nextLine(startingWith: "held")
        #expect(Self.state(of: target.pid) == "t")  // stopped by a tracer
        return (target, refgraph, folder)
    }

    /// Whether the target answers a line on its stdin (so it is not stopped).
    private func expectAnswers(_ target: TestProcess, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try target.writeLine("still there")
        #expect(try target.nextLine(timeout: 30) == "echo still there", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["3.8", "3.13"])
    func refgraphKilledWithSIGKILLWhileHoldingTheTargetLetsItGo(interpreter: String) throws {
        let (target, refgraph, _) = try holdStopped(interpreter)
        refgraph.send(SIGKILL)
        #expect(refgraph.wait(timeout: 30) == 128 + SIGKILL)
        try expectAnswers(target)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWhileHoldingTheTargetEndsRefgraphAndLeavesNothing(signal: Int32) throws {
        let (target, refgraph, folder) = try holdStopped("3.12")
        refgraph.send(signal)
        #expect(refgraph.wait(timeout: 30) == 128 + signal)
        try expectAnswers(target)
        #expect(OutsideAttachTests.contents(of: folder) == [])
    }

    /// The target killed while held: refgraph, holding it 10 s (its tracer reaps it first, so
    /// the target's parent sees its exit only when refgraph lets go), then reads nothing.
    @Test func aTargetThatExitsDuringTheReadIsOneLineAndNoFile() throws {
        let (target, refgraph, folder) = try holdStopped("3.11", seconds: 10)
        target.send(SIGKILL)
        #expect(refgraph.wait(timeout: 120) == 1)
        #expect(target.wait(timeout: 30) == 128 + SIGKILL)
        refgraph.waitForOutputToClose(timeout: 30)
        let lines = refgraph.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(refgraph.stderr)")
        #expect(refgraph.stderr.contains("exited while refgraph read it"), "\(refgraph.stderr)")
        #expect(OutsideAttachTests.contents(of: folder) == [])
    }

    /// A `--timeout` shorter than the read: one line, no file, the target runs on. (The
    /// deadline is looked at every 65,536 reads; this heap takes several times that.)
    @Test func aReadPastItsTimeoutIsOneLineAndNoFile() throws {
        let python = try Interpreters.require("3.12")
        let target = try TestProcess(python, [OutsideAttachTests.fixture, "read"], input: true)
        _ = try target.nextLine(startingWith: "ready")
        let folder = try TestPaths.scratchFolder("outside-timeout")
        let result = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach", String(target.pid), "--snapshot", folder + "/x.rgs", "--timeout", "0.001"],
            timeout: 60
        )
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("did not finish reading process \(target.pid)"), "\(result.stderr)")
        #expect(OutsideAttachTests.contents(of: folder) == [])
        try expectAnswers(target)
    }

    /// Another tracer (the reader's probe, holding it) is named in the refusal.
    @Test func aTargetAnotherTracerHoldsIsSaidToBeTraced() throws {
        let python = try Interpreters.require("3.12")
        let target = try TestProcess(python, [OutsideAttachTests.fixture, "read"], input: true)
        _ = try target.nextLine(startingWith: "ready")
        let probe = try TestProcess(AttachFixtures.probe, ["freeze", String(target.pid)])
        _ = try probe.nextLine(startingWith: "frozen")
        let folder = try TestPaths.scratchFolder("outside-traced")
        let result = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach", String(target.pid), "--snapshot", folder + "/x.rgs"],
            timeout: 60
        )
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("already traced by process \(probe.pid) (heap-reader-pro"),
            "\(result.stderr)"
        )
        #expect(OutsideAttachTests.contents(of: folder) == [])
        probe.send(SIGKILL)
        #expect(probe.wait(timeout: 30) == 128 + SIGKILL)
        try expectAnswers(target)
    }

    /// The state letters of every thread of `pid`.
    static func threadStates(of pid: pid_t) -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { Int32($0) }.map { state(of: pid, thread: $0) }
    }

    /// The state letter of /proc/PID/task/TID/stat.
    static func state(of pid: pid_t, thread: pid_t) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return "?" }
        return String(text[text.index(close, offsetBy: 2)])
    }

    /// The state letter of /proc/PID/stat.
    static func state(of pid: pid_t) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return "?" }
        return String(text[text.index(close, offsetBy: 2)])
    }
}
