import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph attach PID` by its default method, the heap read from outside, run as the built
/// binary against fixture processes (Fixtures/outside_target.py) on every supported Python:
/// the snapshot holds the fixture's known heap, and the target, whatever it was doing, runs on
/// and answers afterwards. refgraph runs as a process of its own, never the target's parent.
@Suite(.serialized) struct OutsideAttachTests {
    static let fixture = AttachFixtures.folder + "/outside_target.py"
    static let interpreters = Interpreters.supported + [Interpreters.debianPython311]

    /// A started fixture: the process and its "ready" line's fields after the word.
    private func start(_ interpreter: String, _ mode: String) throws -> (TestProcess, [String]) {
        let python = try AttachFixtures.python(interpreter)
        let target = try TestProcess(python, [Self.fixture, mode], input: true)
        let ready = try target.nextLine(startingWith: "ready")
        return (target, ready.split(separator: " ").dropFirst().map(String.init))
    }

    /// Runs `refgraph attach PID --snapshot PATH` to the end.
    private func attach(_ pid: pid_t, _ path: String, environment: [String: String]? = nil) throws -> CommandResult {
        try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach", String(pid), "--snapshot", path],
            environment: environment,
            timeout: 120
        )
    }

    /// The fixture's known heap is in the snapshot at `path`: 2000 Node and 2000 Leaf objects,
    /// and `chain --type Leaf` is the path from `__main__` through `holder` (before 3.11 through
    /// the Node's `__dict__`).
    private func expectKnownHeap(_ path: String, pid: pid_t, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let snapshot = try SnapshotFile.read(from: path)
        #expect(snapshot.metadata.pid == pid, sourceLocation: sourceLocation)
        let index = HeapIndex(snapshot)
        for name in ["Node", "Leaf"] {
            let count = try index.types(named: name).map { index.count(ofType: $0) }.reduce(0, +)
            #expect(count == 2000, "\(name)", sourceLocation: sourceLocation)
        }
        let chain = try CommandRunner.run(TestPaths.refgraphBinary, ["chain", path, "--type", "Leaf"])
        #expect(chain.status == 0, "\(chain.stderr)", sourceLocation: sourceLocation)
        let lines = chain.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "module __main__", "\(chain.stdout)", sourceLocation: sourceLocation)
        // Before 3.11 an instance's attributes are held by its __dict__.
        let minor = Int(snapshot.metadata.pythonVersion.split(separator: ".").dropFirst().first ?? "") ?? 0
        let child = minor < 11 ? [".__dict__ → dict (2 items)", "['child'] → Leaf"] : [".child → Leaf"]
        #expect(
            Array(lines.dropFirst(2)) == ["['holder'] → list (2000 items)", "[0] → Node"] + child,
            "\(chain.stdout)",
            sourceLocation: sourceLocation
        )
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600, sourceLocation: sourceLocation)
    }

    /// One line on stderr, exit status 1, and nothing in `folder`: neither the snapshot nor a
    /// temporary file.
    private func expectOneLineFailure(
        _ result: CommandResult,
        in folder: String,
        mentioning words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "\(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(Self.contents(of: folder) == [], sourceLocation: sourceLocation)
    }

    static func contents(of folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? ["(unreadable)"]
    }

    /// The target blocked for ever in read() on its stdin pipe: the snapshot is taken, and the
    /// same read() then gets the line written to it and the fixture answers.
    @Test(arguments: interpreters)
    func aTargetBlockedInReadIsSnapshottedAndReadsOn(interpreter: String) throws {
        let (target, _) = try start(interpreter, "read")
        let folder = try TestPaths.scratchFolder("outside-read")
        let path = folder + "/read.rgs"
        let result = try attach(target.pid, path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("refgraph: snapshot of process \(target.pid) (Python "), "\(result.stderr)")
        #expect(result.stderr.contains("; stopped ") && result.stderr.hasSuffix("→ \(path)\n"), "\(result.stderr)")
        try expectKnownHeap(path, pid: target.pid)
        try target.writeLine("after")
        #expect(try target.nextLine() == "echo after")
        #expect(Self.contents(of: folder) == ["read.rgs"])
    }

    /// The target blocked for ever in accept(): snapshot taken, then a connection is accepted
    /// and answered.
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func aTargetBlockedInAcceptIsSnapshottedAndAcceptsOn(interpreter: String) throws {
        let (target, fields) = try start(interpreter, "accept")
        let port = try #require(fields.count == 2 ? UInt16(fields[1]) : nil)
        let folder = try TestPaths.scratchFolder("outside-accept")
        let result = try attach(target.pid, folder + "/accept.rgs")
        #expect(result.status == 0, "\(result.stderr)")
        try expectKnownHeap(folder + "/accept.rgs", pid: target.pid)
        #expect(try Self.exchange(port: port, line: "hello") == "echo hello")
    }

    /// Starts the fixture in `mode` (waiting for `readyLine` if given), attaches, checks the
    /// known heap, then checks the main thread answers a line on stdin.
    private func expectSnapshotThenAnswer(_ interpreter: String, _ mode: String, after readyLine: String? = nil) throws
    {
        let (target, _) = try start(interpreter, mode)
        if let readyLine { _ = try target.nextLine(startingWith: readyLine) }
        let folder = try TestPaths.scratchFolder("outside-" + mode)
        let result = try attach(target.pid, folder + "/\(mode).rgs")
        #expect(result.status == 0, "\(result.stderr)")
        try expectKnownHeap(folder + "/\(mode).rgs", pid: target.pid)
        try target.writeLine(mode)
        #expect(try target.nextLine() == "echo \(mode)")
    }

    /// 50 threads spinning in Python: every one is held, the snapshot has the known heap, and
    /// the main thread answers afterwards.
    @Test(arguments: ["3.8", "3.13"])
    func aTargetWithFiftyBusyThreads(interpreter: String) throws {
        try expectSnapshotThenAnswer(interpreter, "threads")
    }

    /// A thread holding the GIL in one long C call (no Python code runs anywhere in the
    /// process): the read from outside needs none, and the process runs on.
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func aTargetWhoseGILIsHeldInALongCCall(interpreter: String) throws {
        let (target, _) = try start(interpreter, "gil")
        _ = try target.nextLine(startingWith: "holding")
        let folder = try TestPaths.scratchFolder("outside-gil")
        let result = try attach(target.pid, folder + "/gil.rgs")
        #expect(result.status == 0, "\(result.stderr)")
        try expectKnownHeap(folder + "/gil.rgs", pid: target.pid)
        #expect(target.isRunning)
        #expect(OutsideAttachFaultTests.threadStates(of: target.pid).contains("R"))
    }

    /// The main thread waiting in epoll_wait(): snapshot taken, then the wait returns for the
    /// line written and the fixture answers.
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func aTargetWaitingInEpollIsSnapshottedAndWaitsOn(interpreter: String) throws {
        try expectSnapshotThenAnswer(interpreter, "epoll")
    }

    /// Two threads deadlocked for ever on two locks: the snapshot needs neither, and the main
    /// thread answers afterwards.
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func aTargetWithDeadlockedThreads(interpreter: String) throws {
        try expectSnapshotThenAnswer(interpreter, "deadlock", after: "deadlocked")
    }

    /// Objects gc.freeze() moved to the permanent generation that nothing reaches (cycles the
    /// gc will never collect now): the pure-Python agent cannot list them, the outside read
    /// finds them in the permanent generation's list.
    @Test(arguments: ["3.8", "3.11", "3.12", "3.13"])
    func frozenObjectsNothingReachesAreRead(interpreter: String) throws {
        let (target, _) = try start(interpreter, "frozen")
        let folder = try TestPaths.scratchFolder("outside-frozen")
        let result = try attach(target.pid, folder + "/frozen.rgs")
        #expect(result.status == 0, "\(result.stderr)")
        let snapshot = try SnapshotFile.read(from: folder + "/frozen.rgs")
        let index = HeapIndex(snapshot)
        let frozen = try index.types(named: "Frozen").flatMap { index.objects(ofType: $0) }
        #expect(frozen.count == 1000)
        #expect(frozen.allSatisfy { snapshot.flags(of: $0).contains(.gcTracked) })
    }

    /// Connects to the fixture's port, sends `line`, returns the answer line.
    static func exchange(port: UInt16, line: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let bytes = Array((line + "\n").utf8)
        try #require(send(fd, bytes, bytes.count, 0) == bytes.count)
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !answer.contains(0x0A) {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
