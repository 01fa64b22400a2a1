import Foundation
import HeapGraph
import HeapReader
import TestSupport
import Testing

/// Threads, frames and generators read from outside, against the agent's snapshot taken just
/// after: Fixtures/frames_heap.py starts two named threads blocked in known functions, suspends
/// a generator, a coroutine and an async generator, keeps a traceback, and waits on stdin while
/// the reader reads (so that on 3.11+ nothing has made frame objects for the running frames).
@Suite("HeapReader frames", .serialized)
struct HeapReaderFrameTests {
    static let fixture = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/frames_heap.py"

    struct Run {
        var reader: Snapshot
        var oracle: Snapshot
        var comparison: SnapshotComparison
        /// The idents of the threads `worker-A`, `closure-B` and `generator-C`.
        var threads: [String: UInt64]
    }

    /// Starts the fixture, reads it from outside, then lets it take the agent's snapshot.
    func run(_ python: String) throws -> Run {
        let folder = try TestPaths.scratchFolder("heap-reader-frames")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let oraclePath = folder + "/agent.rgs"
        let target = try TestProcess(python, [Self.fixture, HeapReaderTests.agentFolder, oraclePath], input: true)
        let ready = try target.nextLine(startingWith: "ready").split(separator: " ")
        #expect(ready.count == 4)
        let readerPath = folder + "/reader.rgs"
        let probe = try TestProcess(HeapReaderTests.probe, ["snapshot", String(target.pid), readerPath])
        #expect(probe.wait(timeout: 120) == 0, "\(probe.stderr)")
        try target.writeLine("go")
        _ = try target.nextLine(startingWith: "snapshot")
        let reader = try SnapshotFile.read(from: readerPath)
        let oracle = try SnapshotFile.read(from: oraclePath)
        return Run(
            reader: reader,
            oracle: oracle,
            comparison: SnapshotComparison(reader: reader, oracle: oracle),
            threads: [
                "worker-A": UInt64(ready.count > 1 ? ready[1] : "") ?? 0,
                "closure-B": UInt64(ready.count > 2 ? ready[2] : "") ?? 0,
                "generator-C": UInt64(ready.count > 3 ? ready[3] : "") ?? 0,
            ]
        )
    }

    @Test("reads threads, frames and generators", arguments: Interpreters.supported)
    func framesMatchAgent(version: String) throws {
        let run = try run(try Interpreters.require(version))
        check(run, version: version)
    }

    @Test("reads threads, frames and generators of Debian's static python3.11")
    func debianFrames() throws {
        let run = try run(try Interpreters.requireExecutable(Interpreters.debianPython311))
        check(run, version: "Debian 3.11")
    }

    func check(_ run: Run, version: String) {
        let s = run.reader
        // Roots: every thread, named by threading, with its ident.
        for (name, ident) in run.threads {
            let root = s.roots.first { $0.kind == .threadFrame && s.strings[$0.name] == name }
            #expect(root?.detail == ident, "\(version) \(name)")
        }
        #expect(s.roots.contains { $0.kind == .threadFrame && s.strings[$0.name] == "MainThread" }, "\(version)")

        // A thread's locals, by name.
        let worker = frame(in: s, thread: "worker-A", named: "worker")
        #expect(
            worker.map { s.label(of: $0) }
                == "frames_heap.py:\(Self.line("release.wait()", after: "def worker")) in worker"
        )
        let items = worker.flatMap { s.target(from: $0, "f_locals['items']") }
        #expect(items.map { itemLabels(s, $0) } == ["'alpha'", "'beta'"], "\(version)")
        #expect(
            worker.flatMap { s.target(from: $0, "f_locals['release']") }.map { s.type(of: $0).qualifiedName }
                == "threading.Event"
        )
        // A cell variable, held as its cell.
        let holder = frame(in: s, thread: "closure-B", named: "holder")
        let cell = holder.flatMap { s.target(from: $0, "f_locals['secret'] (cell)") }
        let secret = cell.flatMap { s.target(from: $0, ".cell_contents") }
        #expect(secret.map { itemLabels(s, $0) } == ["'secret'", "42"], "\(version)")
        #expect(
            holder.flatMap { s.target(from: $0, "f_locals['peek']") }.map { s.label(of: $0) } == "holder.<locals>.peek"
        )

        // A generator running on a thread: its frame (3.11+ without a frame object) has its locals.
        let running = frame(in: s, thread: "generator-C", named: "waiting")
        let runningLocal = running.flatMap { s.target(from: $0, "f_locals['running_local']") }
        #expect(runningLocal.map { itemLabels(s, $0) } == ["'running'", "'generator'"], "\(version)")
        #expect(
            running.flatMap { s.target(from: $0, ".f_back") }.map { s.label(of: $0).hasSuffix(" in drive") } == true
        )

        // Suspended generators: locals on the embedded frame (3.11+) or on their frame object.
        for (type, name, local, expected) in [
            ("generator", "counter", "gen_local", ["'generator'", "5"]),
            ("coroutine", "coro", "coro_local", ["'c'"]),
            ("async_generator", "agen", "agen_local", ["'async'", "'generator'"]),
        ] {
            let object = s.objects(ofType: type).first { o in
                s.target(from: o, ".__name__").map { s.label(of: $0) } == "'\(name)'"
            }
            #expect(object != nil, "\(version) \(type)")
            guard let object else { continue }
            let prefix = type == "generator" ? ".gi_" : type == "coroutine" ? ".cr_" : ".ag_"
            let holder = Self.framesAreObjects(version) ? s.target(from: object, prefix + "frame") : object
            let value = holder.flatMap { s.target(from: $0, "f_locals['\(local)']") }
            #expect(value.map { itemLabels(s, $0) } == expected, "\(version) \(type)")
            #expect(s.target(from: object, prefix + "code").map { s.type(of: $0).qualifiedName } == "code")
        }

        // Finished frames kept by a traceback, with their last lines (the catching frame's is
        // its return of the traceback).
        let kept = s.global("__main__", "kept").flatMap { s.target(from: $0, "[0]") }
        let catchFrame = kept.flatMap { s.target(from: $0, ".tb_frame") }
        let failingFrame = kept.flatMap { s.target(from: $0, ".tb_next") }.flatMap { s.target(from: $0, ".tb_frame") }
        #expect(
            catchFrame.map { s.label(of: $0) }
                == "frames_heap.py:\(Self.line("return sys.exc_info()", after: "def catch")) in catch"
        )
        #expect(
            failingFrame.map { s.label(of: $0) }
                == "frames_heap.py:\(Self.line("raise", after: "def failing")) in failing"
        )
        let doomed = failingFrame.flatMap { s.target(from: $0, "f_locals['doomed']") }
        #expect(doomed.map { itemLabels(s, $0) } == ["'doomed'", "3"], "\(version)")
        #expect(failingFrame.flatMap { s.target(from: $0, ".f_back") } == catchFrame)

        checkAgainstAgent(run, version: version)
    }

    /// The agent's view: the same threads' frames, paired by thread and depth (by address
    /// where the agent's frame objects are the reader's), with the same labels and every named
    /// reference the agent records; no decoded kind of this file with a reference missing or
    /// extra, or a size that differs.
    func checkAgainstAgent(_ run: Run, version: String) {
        let c = run.comparison.counts
        let report = "\(version): \(run.comparison.report)"
        for type in ["frame", "generator", "coroutine", "async_generator", "traceback"] {
            #expect(c["missing reference: \(type)", default: 0] == 0, "\(report)")
            #expect(c["extra reference: \(type)", default: 0] == 0, "\(report)")
            #expect(c["size: \(type)", default: 0] == 0, "\(report)")
            #expect(c["opaque: \(type)", default: 0] == 0, "\(report)")
        }
        #expect(HeapReaderTests.unexplainedHeldFromOutside(run.comparison) == [], "\(report)")
        // Only the main thread moved on (from the wait on stdin to the agent's call).
        #expect(c["label: frame", default: 0] <= 1, "\(report)")
        let materialized = !Self.framesAreObjects(version)
        if materialized {
            // The threads' frames (wait, wait, worker, holder or waiting and drive, run,
            // _bootstrap_inner, _bootstrap) had no frame object when the reader read.
            #expect(c["frame matched by thread and depth", default: 0] >= 19, "\(report)")
        }
        for name in run.threads.keys {
            let ours = chain(run.reader, thread: name)
            let theirs = chain(run.oracle, thread: name)
            #expect(ours.count == theirs.count && ours.count >= 6, "\(version) \(name)")
            for (mine, other) in zip(ours, theirs) {
                #expect(run.reader.label(of: mine) == run.oracle.label(of: other), "\(version) \(name)")
                if !materialized {
                    #expect(run.reader.address(of: mine) == run.oracle.address(of: other), "\(version) \(name)")
                }
                for edge in run.oracle.edges(from: other) where edge.label.hasPrefix("f_locals[") {
                    let target = run.oracle.address(of: edge.target)
                    let direct = run.reader.target(from: mine, edge.label).map { run.reader.address(of: $0) }
                    let cell = run.reader.target(from: mine, edge.label + " (cell)")
                        .flatMap { run.reader.target(from: $0, ".cell_contents") }.map { run.reader.address(of: $0) }
                    #expect(direct == target || cell == target, "\(version) \(name) \(edge.label)")
                }
            }
        }
    }

    /// Whether every frame is a frame object (3.8-3.10), rather than an interpreter frame.
    static func framesAreObjects(_ version: String) -> Bool { ["3.8", "3.9", "3.10"].contains(version) }

    /// The frames of a thread's root, innermost first.
    func chain(_ s: Snapshot, thread: String) -> [ObjectID] {
        var out: [ObjectID] = []
        var frame = s.roots.first { $0.kind == .threadFrame && s.strings[$0.name] == thread }?.object
        while let f = frame, !out.contains(f), out.count < 100 {
            out.append(f)
            frame = s.target(from: f, ".f_back")
        }
        return out
    }

    /// The frame of `thread` running the function `name`.
    func frame(in s: Snapshot, thread: String, named name: String) -> ObjectID? {
        chain(s, thread: thread).first { s.label(of: $0).hasSuffix(" in \(name)") }
    }

    /// The labels of a sequence's items, or a dict's values, in order.
    func itemLabels(_ s: Snapshot, _ container: ObjectID) -> [String] {
        s.edges(from: container).filter { $0.label.hasPrefix("[") }.map { s.label(of: $0.target) }
    }

    /// The 1-based line of the fixture's first line containing `text` after the line
    /// starting with `after`.
    static func line(_ text: String, after: String) -> Int {
        let lines = ((try? String(contentsOfFile: fixture, encoding: .utf8)) ?? "").split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        guard let start = lines.firstIndex(where: { $0.hasPrefix(after) }) else { return -1 }
        return (lines[start...].firstIndex { $0.contains(text) } ?? -2) + 1
    }
}
