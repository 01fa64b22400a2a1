import Foundation
import HeapGraph
import HeapReader
import TestSupport
import Testing

/// The outside reader against the agent's in-process snapshot of the same state: a fixture
/// builds a known heap, snapshots itself with refgraph_agent and waits in `select` for ever.
@Suite("HeapReader", .serialized)
struct HeapReaderTests {
    static let fixture = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/known_heap.py"
    static let agentFolder = TestPaths.packageRoot + "/Sources/PythonAgent/Resources"
    /// The reader's driver, built beside the tests.
    static let probe = (TestPaths.refgraphBinary as NSString).deletingLastPathComponent + "/heap-reader-probe"

    static let containerFixture = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/container_heap.py"
    static let appFixture = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/app_heap.py"

    /// Starts the fixture under `python`, waits for its snapshot, reads it from outside.
    func compare(
        _ python: String,
        fixture: String = Self.fixture,
        before: [String] = []
    ) throws -> (SnapshotComparison, Snapshot) {
        let folder = try TestPaths.scratchFolder("heap-reader")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let oraclePath = folder + "/agent.rgs"
        let target = try TestProcess(python, [fixture] + before + [Self.agentFolder, oraclePath])
        _ = try target.nextLine(startingWith: "ready")
        // The reader runs in a process of its own, as it will in refgraph: the test process is
        // the fixture's parent, and a parent's own wait for its child's exit would take the
        // ptrace stops a tracer waits for.
        let readerPath = folder + "/reader.rgs"
        let probe = try TestProcess(Self.probe, ["snapshot", String(target.pid), readerPath])
        #expect(probe.wait(timeout: 120) == 0, "\(probe.stderr)")
        #expect(target.isRunning)
        let oracle = try SnapshotFile.read(from: oraclePath)
        let snapshot = try SnapshotFile.read(from: readerPath)
        return (SnapshotComparison(reader: snapshot, oracle: oracle), snapshot)
    }

    /// The categories that must be empty: every object the agent saw is read at the same
    /// address with the same type; the decoded kinds have the agent's sizes, labels and
    /// references (to the same targets with the same names).
    func checkExact(_ comparison: SnapshotComparison, version: String) {
        let c = comparison.counts
        #expect(c["type", default: 0] == 0, "\(version): \(comparison.report)")
        for type in [
            "list", "dict", "float", "bytes", "set", "frozenset", "__main__.Point", "__main__.Slotted", "__main__.Old",
        ] {
            #expect(c["missing reference: \(type)", default: 0] == 0, "\(version) \(type)")
            #expect(c["extra reference: \(type)", default: 0] == 0, "\(version) \(type)")
            #expect(c["size: \(type)", default: 0] == 0, "\(version) \(type)")
            #expect(c["label: \(type)", default: 0] == 0, "\(version) \(type)")
            #expect(c["opaque: \(type)", default: 0] == 0, "\(version) \(type)")
        }
        for type in ["str", "int", "tuple", "function", "cell", "method", "module", "type"] {
            #expect(c["label: \(type)", default: 0] == 0, "\(version) \(type)")
            // An extension module's state is not read, and flags the module (see matchesAgent).
            if type != "module" { #expect(c["opaque: \(type)", default: 0] == 0, "\(version) \(type)") }
        }
        #expect(c["missing reference: module", default: 0] == 0, "\(version): \(comparison.report)")
        for type in ["str", "int", "tuple", "list", "dict", "function", "cell", "type"] {
            #expect(c["size: \(type)", default: 0] == 0, "\(version) \(type)")
        }
        // Objects held from outside: where the reader's unexplained count differs from the
        // agent's, the cause is one of these, never a decoded object's own count.
        #expect(Self.unexplainedHeldFromOutside(comparison) == [], "\(version): \(comparison.report)")
        #expect(comparison.matchedHeldFromOutside > 100, "\(version): \(comparison.report)")
        // Objects only the running frames reach (the script's own code and its constants) are
        // missing until thread frames are read, never more.
        #expect(c["missing from reader", default: 0] * 20 < comparison.common, "\(version): \(comparison.report)")
    }

    /// The categories of objects held from outside whose counts differ for no known cause.
    static func unexplainedHeldFromOutside(_ comparison: SnapshotComparison) -> [String] {
        comparison.counts.keys.filter {
            $0.hasPrefix("held from outside: ")
                && !SnapshotComparison.heldFromOutsideCauses.contains(String($0.dropFirst("held from outside: ".count)))
        }
    }

    @Test("reads the heap as the agent sees it", arguments: Interpreters.supported)
    func matchesAgent(version: String) throws {
        let (comparison, snapshot) = try compare(try Interpreters.require(version))
        checkExact(comparison, version: version)
        #expect(snapshot.roots.contains { $0.kind == .module })
        #expect(snapshot.roots.contains { $0.kind == .heldFromOutside && $0.detail > 0 })
        // The main thread waits in <module>, named by threading where something imported it.
        let main = snapshot.roots.first { $0.kind == .threadFrame }
        #expect(main.map { snapshot.label(of: $0.object).hasSuffix(" in <module>") } == true, "\(version)")
        #expect(main.map { ["MainThread", "thread \($0.detail)"].contains(snapshot.strings[$0.name]) } == true)
        let point = snapshot.objectIDs.first { snapshot.type(of: $0).qualifiedName == "__main__.Point" }
        #expect(point != nil)
        // A module's dict is read; what an extension module's m_traverse visits (its C state)
        // is not, and flags the module: _io has state on every version, __main__ none.
        let modules = Dictionary(
            snapshot.roots.filter { $0.kind == .module }.map { (snapshot.strings[$0.name], $0.object) },
            uniquingKeysWith: { first, _ in first }
        )
        for (name, flagged) in [("__main__", false), ("_io", true)] {
            let module = try #require(modules[name], "\(version) \(name)")
            #expect(snapshot.flags(of: module).contains(.referencesUnknown) == flagged, "\(version) \(name)")
            #expect(snapshot.target(from: module, ".__dict__") != nil, "\(version) \(name)")
        }
    }

    /// The types container_heap.py makes, as the agent names them.
    static let containerTypes = [
        "collections.OrderedDict", "collections.defaultdict", "collections.deque", "functools.partial",
        "functools._lru_cache_wrapper", "weakref.ReferenceType", "weakref.ProxyType", "property", "classmethod",
        "staticmethod", "builtin_function_or_method", "method_descriptor", "classmethod_descriptor",
        "member_descriptor", "getset_descriptor", "wrapper_descriptor", "method-wrapper", "mappingproxy",
        "list_iterator", "tuple_iterator", "set_iterator", "dict_keyiterator", "dict_itemiterator", "enumerate", "zip",
        "map", "filter", "reversed", "FileNotFoundError", "traceback", "KeyError", "SystemExit", "StopIteration",
        "ImportError", "_asyncio.Future", "_asyncio.Task", "os.stat_result", "sys.flags", "_thread.lock",
        "_thread.RLock", "itertools.count", "_contextvars.ContextVar", "_io.StringIO", "_io.BytesIO", "re.Pattern",
        "builtin_method", "types.SimpleNamespace", "operator.attrgetter", "operator.itemgetter",
        "operator.methodcaller", "types.UnionType", "types.GenericAlias", "ast.Module", "ast.Assign", "ast.Name",
        "ast.BinOp", "ast.Constant", "_json.Scanner", "_csv.Dialect", "_thread._local",
    ]

    @Test("reads containers, descriptors, exceptions and futures as the agent does", arguments: Interpreters.supported)
    func containersMatchAgent(version: String) throws {
        let (comparison, _) = try compare(try Interpreters.require(version), fixture: Self.containerFixture)
        checkContainers(comparison, version: version)
    }

    @Test("reads containers from Debian's statically linked python3.11")
    func containersDebian() throws {
        let python = try Interpreters.requireExecutable(Interpreters.debianPython311)
        let (comparison, _) = try compare(python, fixture: Self.containerFixture)
        checkContainers(comparison, version: "Debian 3.11")
    }

    func checkContainers(_ comparison: SnapshotComparison, version: String) {
        let c = comparison.counts
        for type in Self.containerTypes {
            for category in ["missing reference", "extra reference", "size", "label", "opaque"] {
                #expect(c["\(category): \(type)", default: 0] == 0, "\(version) \(category): \(type)")
            }
        }
        #expect(c["type", default: 0] == 0, "\(version): \(comparison.report)")
    }

    /// Services on real libraries (the test virtualenv's 3.11): the reader recovers at least
    /// 99 % of the agent's references (the rest: objects reached only from thread frames, not
    /// read yet, extension modules' own state and types), 99.5 % of those of the objects both
    /// read, and reads every type it decodes exactly.
    @Test("reads services on real libraries", arguments: ["flask", "django", "sqlalchemy", "aiohttp"])
    func realApplications(library: String) throws {
        let venv = try Interpreters.requireTestVirtualenv()
        let (comparison, _) = try compare(venv + "/bin/python", fixture: Self.appFixture, before: [library])
        #expect(comparison.recoveredReferences * 100 >= comparison.oracleReferences * 99, "\(comparison.report)")
        // Of the references of objects both read, the 99.5 %.
        #expect(comparison.recoveredReferences * 1000 >= comparison.commonReferences * 995, "\(comparison.report)")
        checkContainers(comparison, version: library)
    }

    @Test("reads Debian's statically linked python3.11")
    func debianPython() throws {
        let (comparison, _) = try compare(try Interpreters.requireExecutable(Interpreters.debianPython311))
        checkExact(comparison, version: "Debian 3.11")
    }

    @Test("3.13's _Py_DebugOffsets agree with the generated layout")
    func debugOffsets() throws {
        let python = try Interpreters.require("3.13")
        let folder = try TestPaths.scratchFolder("heap-reader")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try TestProcess(python, [Self.fixture, Self.agentFolder, folder + "/agent.rgs"])
        _ = try target.nextLine(startingWith: "ready")
        let probe = try TestProcess(Self.probe, ["debug-offsets", String(target.pid)])
        #expect(probe.wait(timeout: 60) == 0, "\(probe.stderr)")
        probe.waitForOutputToClose(timeout: 60)
        let lines = probe.stdout.split(separator: "\n")
        #expect(lines.count > 30)
        #expect(lines.filter { !$0.hasPrefix("same ") } == [])
    }

    @Test("a target held by a tracer killed with SIGKILL runs on")
    func tracerKilled() throws {
        let python = try Interpreters.require("3.12")
        let target = try TestProcess(
            python,
            ["-c", "import sys\nwhile True: print('echo', sys.stdin.readline().strip(), flush=True)"],
            input: true
        )
        try target.writeLine("before")
        #expect(try target.nextLine() == "echo before")
        let probe = try TestProcess(Self.probe, ["freeze", String(target.pid)])
        _ = try probe.nextLine(startingWith: "frozen")
        #expect(Self.state(of: target.pid) == "t")  // stopped by a tracer
        probe.send(SIGKILL)
        #expect(probe.wait(timeout: 30) == 128 + SIGKILL)
        try target.writeLine("after")
        #expect(try target.nextLine() == "echo after")
    }

    @Test("a version outside 3.8-3.13 is refused with the range")
    func unsupportedVersion() {
        #expect(throws: HeapReaderError.self) { try CPythonLayout(version: "3.7") }
        #expect((try? CPythonLayout(version: "3.14")) == nil)
    }

    @Test("an error is one line whatever the names in it hold")
    func errorsAreOneLine() {
        let error = HeapReaderError(.missingFile, "Cannot read /\noot/lib\u{1b}[2J\u{2028}x.so.")
        #expect(error.message == "Cannot read /\\u{a}oot/lib\\u{1b}[2J\\u{2028}x.so.")
    }

    /// The state letter of /proc/PID/stat.
    static func state(of pid: Int32) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return "?" }
        return String(text[text.index(close, offsetBy: 2)])
    }
}
