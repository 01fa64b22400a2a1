import CPython
import Foundation
import HeapGraph
import PythonAgent
import TestSupport
import Testing

/// Every test that touches Python: one interpreter per test process, started once, the GIL
/// taken per test.
@Suite(.serialized)
struct HeapWalkerTests {
    init() throws {
        try PythonRuntime.startShared(arguments: ["refgraph-tests"])
    }

    @Test func countsOfFixtureClassesMatchGcGetObjects() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("type_counts")
            let snapshot = try HeapWalker.capture()
            #expect(PythonFixtures.int(module, "EXPECTED_ALPHA") == 7)
            #expect(PythonFixtures.int(module, "EXPECTED_BETA") == 4)
            #expect(snapshot.objects(ofType: "\(module).Alpha").count == 7)
            #expect(snapshot.objects(ofType: "\(module).Beta").count == 4)
            for beta in snapshot.objects(ofType: "\(module).Beta") {
                #expect(snapshot.flags(of: beta).contains(.gcTracked))
                #expect(snapshot.target(from: beta, ".ref") == snapshot.global(module, "alphas"))
            }
        }
    }

    @Test func edgesAreNamedAsObjgraphNamesThem() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("edge_labels")
            let s = try HeapWalker.capture()
            let holder = try #require(s.global(module, "holder"))
            let attr = try #require(s.target(from: holder, ".attr"))
            #expect(s.label(of: attr) == "1 items")
            let mapping = try #require(s.target(from: holder, ".mapping"))
            let kValue = try #require(s.target(from: mapping, "['k']"))
            #expect(s.label(of: try #require(s.target(from: kValue, "[0]"))) == "'dict value'")
            let intValue = try #require(s.target(from: mapping, "[42]"))
            #expect(s.label(of: try #require(s.target(from: intValue, "[0]"))) == "'int key value'")
            #expect(s.edges(from: mapping).filter { $0.label == "<key>" }.count == 2)
            let items = try #require(s.target(from: holder, ".items"))
            let third = try #require(s.target(from: items, "[3]"))
            #expect(s.label(of: try #require(s.target(from: third, "[0]"))) == "'third item'")
            #expect(s.type(of: holder).name == "Holder")
            #expect(s.target(from: holder, ".__class__").map { s.label(of: $0) } == "Holder")

            let closure = try #require(s.global(module, "closure"))
            #expect(s.label(of: closure) == "make_closure.<locals>.inner")
            let cells = try #require(s.target(from: closure, ".__closure__"))
            let cell = try #require(s.target(from: cells, "[0]"))
            let captured = try #require(s.target(from: cell, ".cell_contents"))
            #expect(s.target(from: captured, "['captured']").map { s.label(of: $0) } == "True")

            let bound = try #require(s.global(module, "bound"))
            #expect(s.target(from: bound, ".__self__") == holder)
            #expect(s.label(of: bound) == "Holder.method (bound)")
            #expect(s.target(from: bound, ".__func__").map { s.label(of: $0) } == "Holder.method")
        }
    }

    @Test func untrackedStringsAreRecordedWithGetsizeofSizes() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("untracked_strings")
            let s = try HeapWalker.capture()
            let list = try #require(s.global(module, "STRINGS"))
            let expectedSizes = PythonFixtures.ints(module, "SIZES")
            let labels = [
                "'short'", "'" + String(repeating: "x", count: 40) + "'", "'café ☃'", "\"it's\"", "'tab\\there'",
            ]
            for i in 0..<5 {
                let string = try #require(s.target(from: list, "[\(i)]"))
                #expect(s.type(of: string).name == "str")
                #expect(!s.flags(of: string).contains(.gcTracked))
                #expect(s.size(of: string) == UInt64(expectedSizes[i]))
                #expect(s.label(of: string) == labels[i])
                #expect(s.flags(of: string).contains(.labelTruncated) == (i == 1))
            }
        }
    }

    @Test func sizesEqualSysGetsizeof() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("sizes")
            let s = try HeapWalker.capture()
            let list = try #require(s.global(module, "OBJECTS"))
            let expected = PythonFixtures.ints(module, "SIZES")
            let pythonSizeof = try #require(PythonFixtures.int(module, "PYTHON_SIZEOF_INDEX"))
            #expect(expected.count == 20)
            for (i, size) in expected.enumerated() {
                let object = try #require(s.target(from: list, "[\(i)]"))
                if i == pythonSizeof {
                    // A Python-level __sizeof__ is never called: object.__sizeof__'s formula
                    // (basic size 24 with the weakref slot, plus GC and managed-dict headers).
                    #expect(size == 12345 + 32)
                    #expect(s.size(of: object) == 24 + 32)
                } else {
                    #expect(s.size(of: object) == UInt64(size), "OBJECTS[\(i)] \(s.type(of: object).name)")
                }
            }
        }
    }

    @Test func userCodeIsNeverCalled() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("no_user_code")
            // A replaced __import__ or gc.get_objects is not called either.
            Py_XDECREF(PythonFixtures.call(module, "install_spies"))
            let captured = Result { try HeapWalker.capture() }
            Py_XDECREF(PythonFixtures.call(module, "remove_spies"))
            let s = try captured.get()
            #expect(s.objectCount > 1000)
            let calls = PythonFixtures.value(module, "CALLS")
            #expect(calls.map { PyList_Size($0) } == 0)
            let booby = try #require(s.global(module, "booby"))
            #expect(s.label(of: booby) == "")
            #expect(s.target(from: booby, ".value").map { s.label(of: $0) } == "'kept'")
            let table = try #require(s.global(module, "table"))
            #expect(s.target(from: table, "[<Booby>]").map { s.label(of: $0) } == "'value'")
            #expect(s.target(from: table, "['k']") == booby)
        }
    }

    @Test(arguments: [true, false])
    func walkLeavesRefcountsReferrersAndGcStateAsTheyWere(gcEnabled: Bool) throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("side_effects")
            let path = PythonFixtures.temporaryFile("side-effects.rgs")
            defer { unlink(path) }
            let result = PythonFixtures.call(module, "check", [path, gcEnabled])
            defer { Py_XDECREF(result) }
            #expect(PythonFixtures.isTrue(result))
        }
    }

    @Test func walkerObjectsAndAgentFramesAreLeftOut() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("agent_objects")
            let path = PythonFixtures.temporaryFile("agent-objects.rgs")
            defer { unlink(path) }
            let result = try #require(PythonFixtures.call(module, "take", [path]))
            defer { Py_DECREF(result) }
            let trackedAfter = PyLong_AsLong(PyTuple_GetItem(result, 1))
            let s = try SnapshotFile.read(from: path)
            let frameLabels = s.objectIDs.filter { s.flags(of: $0).contains(.frame) }.map { s.label(of: $0) }
            #expect(!frameLabels.contains { $0.hasPrefix("refgraph_agent.py") })
            let caller = try #require(frameLabels.first { $0.hasPrefix("agent_objects.py:") })
            #expect(caller.hasSuffix(" in take"))
            let bigLists = s.objectIDs.filter {
                s.type(of: $0).name == "list"
                    && s.label(of: $0).split(separator: " ").first.flatMap { Int($0) }.map { $0 > trackedAfter / 2 }
                        == true
            }
            #expect(bigLists.isEmpty)
            // Only the gc module's own get_objects function, none made by the walker.
            #expect(s.objectIDs.filter { s.label(of: $0) == "get_objects" }.count == 1)
            let callerFrame = try #require(
                s.objectIDs.first { s.flags(of: $0).contains(.frame) && s.label(of: $0) == caller }
            )
            #expect(s.target(from: callerFrame, "f_locals['local_in_caller']") == s.global(module, "marker"))
            // The root is named as `threading` names the test thread (a fixture that imports
            // threading on it makes it the main thread), else by the thread's id.
            let root = try #require(s.roots.first { $0.kind == .threadFrame && $0.object == callerFrame })
            let threadName = PyTuple_GetItem(result, 2).flatMap { rg_is_str($0) != 0 ? PyUnicode_AsUTF8($0) : nil }
            #expect(s.strings[root.name] == threadName.map { String(cString: $0) } ?? "thread \(root.detail)")
        }
    }

    @Test func modulesAreRootsNamedByTheirKeys() throws {
        try PythonRuntime.withGIL {
            try PythonFixtures.run("modules")
            let s = try HeapWalker.capture()
            for name in ["sys", "builtins", "json", "collections", "fx_modules"] {
                let module = try #require(s.module(name), "\(name)")
                #expect(s.flags(of: module).contains(.module))
                #expect(s.label(of: module) == name)
                #expect(s.type(of: module).name == "module")
            }
        }
    }

    @Test func aBlockedThreadIsAThreadFrameRoot() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("thread_root")
            defer { Py_XDECREF(PythonFixtures.call(module, "finish")) }
            let s = try HeapWalker.capture()
            let root = try #require(s.roots.first { $0.kind == .threadFrame && s.strings[$0.name] == "blocked-worker" })
            #expect(root.detail != 0)
            let frames = sequence(first: root.object) { s.target(from: $0, ".f_back") }.map { s.label(of: $0) }
            #expect(frames.contains { $0.hasPrefix("thread_root.py:") && $0.hasSuffix(" in blocked_worker") })
            let worker = try #require(s.objectIDs.first { s.label(of: $0).hasSuffix(" in blocked_worker") })
            #expect(s.target(from: worker, "f_locals['waiting_here']").map { s.label(of: $0) } == "'worker local'")
        }
    }

    @Test func generatorsTracebacksAndWeakReferencesAreNamed() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("generators_and_errors")
            let s = try HeapWalker.capture()
            let generator = try #require(s.global(module, "running"))
            #expect(
                s.target(from: generator, ".gi_code").map { s.label(of: $0) }?.hasPrefix(
                    "counter generators_and_errors.py:"
                ) == true
            )
            #expect(s.target(from: generator, "f_locals['in_generator']").map { s.label(of: $0) } == "1 items")
            let weak = try #require(s.global(module, "weak"))
            #expect(s.flags(of: weak).contains(.weakReference))
            let target = try #require(s.global(module, "target"))
            // A weak reference does not keep its referent alive: no edge to it.
            #expect(!s.edges(from: weak).contains { $0.target == target })
            let error = try #require(s.global(module, "error"))
            #expect(s.target(from: error, ".args").map { s.label(of: $0) } == "1 items")
            let traceback = try #require(s.target(from: error, ".__traceback__"))
            let innermost = try #require(s.target(from: traceback, ".tb_next"))
            let frame = try #require(s.target(from: innermost, ".tb_frame"))
            #expect(s.flags(of: frame).contains(.frame))
            #expect(s.label(of: frame) == "generators_and_errors.py:19 in fail")
            #expect(s.target(from: frame, "f_locals['doomed_local']").map { s.label(of: $0) } == "1 items")
            let code = try #require(s.target(from: frame, ".f_code"))
            #expect(s.label(of: code) == "fail generators_and_errors.py:17")
            #expect(s.target(from: code, ".co_name").map { s.label(of: $0) } == "'fail'")
        }
    }

    @Test func aLongChainIsWalkedWithoutRecursion() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("deep_chain")
            let s = try HeapWalker.capture()
            var node = try #require(s.global(module, "head"))
            var depth = 0
            while let next = s.target(from: node, "[0]"), s.type(of: next).name == "list" {
                node = next
                depth += 1
            }
            #expect(depth == 200_000 - 1)
        }
    }

    @Test func snapshotWrittenThenReadBackIsEqual() throws {
        try PythonRuntime.withGIL {
            try PythonFixtures.run("roundtrip")
            let s = try HeapWalker.capture()
            let path = PythonFixtures.temporaryFile("roundtrip.rgs")
            defer { unlink(path) }
            try SnapshotFile.write(s, to: path)
            #expect(try SnapshotFile.read(from: path) == s)
            #expect(s.metadata.capturedBy == "refgraph run (C-API walker) \(RefgraphVersion.current)")
            #expect(s.metadata.pythonVersion.hasPrefix("3.11"))
            #expect(s.metadata.pid == getpid())
            #expect(s.metadata.gcThresholds.count == 3)
            #expect(!s.metadata.limitations.isEmpty)
            #expect((s.metadata.rssBytes ?? 0) > 0)
            #expect((s.metadata.peakRSSBytes ?? 0) >= (s.metadata.rssBytes ?? 0))
            // The embedded runtime's own interpreter, never one found on PATH (pyenv's).
            #expect(s.metadata.executable?.hasSuffix("/bin/python3.11") == true)
            #expect(s.edgeOffsets.count == s.objectCount + 1)
        }
    }

    @Test func syntaxErrorIsOneLineNamingTheFile() throws {
        try PythonRuntime.withGIL { () throws in
            let path = PythonFixtures.path("syntax_error")
            #expect(throws: PythonAgentError(.syntaxError, "'\(path)', line 2: SyntaxError: invalid syntax.")) {
                try PythonRuntime.runScript(at: path, moduleName: "fx_syntax_error")
            }
        }
    }

    @Test func systemExitKeepsItsCodeAndMissingScriptIsAnError() throws {
        try PythonRuntime.withGIL { () throws in
            #expect(
                try PythonRuntime.runScript(at: PythonFixtures.path("system_exit"), moduleName: "fx_system_exit") == 3
            )
            let missing = PythonFixtures.folder + "/does_not_exist.py"
            #expect(throws: PythonAgentError(.scriptUnreadable, "The script '\(missing)' does not exist.")) {
                try PythonRuntime.runScript(at: missing, moduleName: "fx_missing")
            }
        }
    }
}
