import Foundation
import HeapGraph
import TestSupport
import Testing

/// The standalone agent records what is on the heap of real programs (issue 17, section 2):
/// classes by their real module, both references an `OrderedDict` holds to each key,
/// objects moved to the gc's permanent generation, `lru_cache` entries, and heaps other
/// threads change during the walk.
@Suite struct AgentFidelityTests {
    /// ctypes classes keep their class dict in a C subclass of dict before 3.13; a
    /// function-like type has a descriptor for `__module__`: each is named by its module.
    @Test(arguments: Interpreters.supported)
    func classesAreNamedByTheirRealModule(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "class_modules", folder: "class-modules-\(minor)")
        let (dir, facts, s) = (run.dir, run.facts, run.snapshot)
        let expected = [
            "point": "__main__.Point", "callback": "ctypes.CFUNCTYPE.<locals>.CFunctionType",
            "function_like": "__main__.FunctionLike",
        ]
        for (key, name) in expected {
            let object = try #require(s.object(at: facts.uint(key) ?? 0), "\(key)")
            #expect(s.type(of: object).qualifiedName == name)
        }
        let chain = try AgentProcess.refgraph(["chain", "s.rgs", "--type", "__main__.Point"], in: dir)
        #expect(chain.status == 0, "\(chain.stderr)")
        #expect(chain.stdout.contains("['point'] → Point"), "\(chain.stdout)")
    }

    /// 3.8 and 3.9 make `lru_cache` entries of a type never readied (`__mro__` is None);
    /// the snapshot records them, through `snapshot()` and through `install()`'s signal
    /// handler, without readying the type.
    @Test(arguments: ["3.8", "3.9", "3.10", "3.13"])
    func aSizeLimitedLruCacheWithAnEntryIsRecorded(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("lru-\(minor)")
        try FileManager.default.createDirectory(atPath: dir + "/signal", withIntermediateDirectories: false)
        let facts = try AgentProcess.run(python, "lru_cache_entry", ["s.rgs", dir + "/signal"], in: dir)
        let s = try SnapshotFile.read(from: dir + "/s.rgs")
        let entry = try #require(s.object(at: facts.uint("entry") ?? 0))
        #expect(s.type(of: entry).qualifiedName == "functools._lru_list_elem")
        #expect(s.size(of: entry) > 0)
        #expect(facts["ready_after"] as? Bool == facts["ready_before"] as? Bool)
        let files = try #require(facts["signal_files"] as? [String])
        #expect(files.count == 1)
        let signalled = try SnapshotFile.read(from: dir + "/signal/" + (files.first ?? ""))
        #expect(signalled.object(at: facts.uint("entry") ?? 0) != nil)
    }

    /// An asyncio program runs on after a snapshot: the agent never asks for the references
    /// of `_asyncio`'s module on 3.12 and 3.13, which would hand out freed future iterators
    /// (CPython gh-122695: the next collection then loops for ever); the module is recorded
    /// with its `__dict__` and flagged as not fully known.
    @Test(arguments: Interpreters.supported)
    func anAsyncioProgramRunsOnAfterASnapshot(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "asyncio_freelist", folder: "asyncio-freelist-\(minor)")
        #expect(run.facts["collected"] as? Bool == true)
        let s = run.snapshot
        let module = try #require(
            s.objectIDs.first { s.flags(of: $0).contains(.module) && s.label(of: $0) == "_asyncio" }
        )
        #expect(s.flags(of: module).contains(.referencesUnknown) == (minor == "3.12" || minor == "3.13"))
    }

    /// References with a name Python cannot spell by attribute or key get one: a deque's
    /// items (`[i]`, through deque's own iterator, never a subclass's), a defaultdict's values,
    /// an lru_cache wrapper's cache (`<cache>`), a future's result (`._result`).
    @Test(arguments: Interpreters.supported)
    func referencesOfExtensionTypesAreNamed(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "named_references", folder: "named-references-\(minor)")
        let grouped = try AgentProcess.refgraph(["chain", "s.rgs", "--type", "Payload", "--group"], in: run.dir)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        let groups = grouped.stdout.split(separator: "\n").filter { $0.contains(" via ") }.map { line in
            String(line.drop { $0 == " " }.split(separator: ",")[0])
        }
        #expect(
            Set(groups) == [
                "3 via __main__.history[…]", "2 via __main__.audit[…]", "1 via __main__.groups[…][…]",
                "1 via (the cache of __main__.fetch)[…]", "1 via __main__.done._result",
                "1 via (a referent of __main__.settings)[…]",
            ],
            "\(grouped.stdout)"
        )
    }

    /// An `OrderedDict` references each key from its dict table and from its linked list's
    /// node: both references are recorded, so its keys are not held from outside and its
    /// retained size counts them.
    @Test(arguments: Interpreters.supported)
    func orderedDictKeysAreHeldTwiceByTheirDict(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "ordered_dict", folder: "ordered-dict-\(minor)")
        let (dir, facts, s) = (run.dir, run.facts, run.snapshot)
        let owners = ["table", "table", "table", "headers", "headers", "headers", "mixed", "mixed"]
        let keys = facts.uints("keys")
        #expect(keys.count == owners.count)
        let heldFromOutside = Set(s.roots.filter { $0.kind == .heldFromOutside }.map(\.object))
        for (address, owner) in zip(keys, owners) {
            let key = try #require(s.object(at: address))
            let dict = try #require(s.object(at: facts.uint(owner) ?? 0))
            let labels = s.edges(from: dict).filter { $0.target == key }.map(\.label).sorted()
            #expect(labels == ["<key>", "<node key>"], "\(owner) \(s.label(of: key))")
            #expect(!heldFromOutside.contains(key), "\(owner) \(s.label(of: key))")
        }
        let table = facts.uint("table") ?? 0
        let result = try AgentProcess.refgraph(
            ["retained", "s.rgs", "--address", "0x" + String(table, radix: 16), "--json"],
            in: dir
        )
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let selection = document?["selection"] as? [String: Any]
        let bytes = (selection?["retainedBytes"] as? NSNumber)?.uint64Value
        #expect(bytes == facts.uint("retained"), "\(result.stdout.prefix(400))")
    }

    /// Lists and dicts that change between any two C calls of the walk (as another thread
    /// may change them when it takes the GIL) give a snapshot, not an error.
    @Test(arguments: Interpreters.supported)
    func aHeapChangingBetweenTheWalksCallsIsRecorded(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "changing_heap", folder: "changing-\(minor)")
        let (facts, s) = (run.facts, run.snapshot)
        #expect((facts["outcome"] as? [Any])?.first as? String == "ok", "\(facts)")
        #expect((facts.uint("changes") ?? 0) > 1000)
        for address in facts.uints("lists") {
            let list = try #require(s.object(at: address))
            let labels = s.edges(from: list).map(\.label)
            #expect(labels == ["[0]"] || labels == ["[0]", "[1]"], "\(labels)")
        }
    }

    /// Four threads change the heap while five snapshots are taken: each is written.
    @Test(arguments: ["3.12", "3.13"])
    func snapshotsSucceedWhileThreadsChangeTheHeap(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("busy-\(minor)")
        let facts = try AgentProcess.run(python, "busy_threads", [dir], in: dir)
        let outcomes = try #require(facts["outcomes"] as? [[Any]])
        #expect(outcomes.count == 5)
        for (k, outcome) in outcomes.enumerated() {
            #expect(outcome.first as? String == "ok", "\(outcome)")
            #expect(throws: Never.self) { try SnapshotFile.read(from: dir + "/busy-\(k).rgs") }
        }
    }

    /// Objects `gc.freeze()` moved to the permanent generation are recorded through the
    /// references to them, the gc's state is left as it was, and the snapshot says how many
    /// frozen objects it could not list (nothing in Python lists that generation).
    @Test(arguments: ["3.8", "3.11", "3.12", "3.13"])
    func frozenObjectsAreRecordedOrCountedAsALimitation(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "frozen_objects", folder: "frozen-\(minor)")
        let (facts, s) = (run.facts, run.snapshot)
        let frozen = try #require(facts.uint("frozen"))
        #expect(frozen > 100)
        #expect(facts.uint("still") == frozen)
        for address in facts.uints("held") {
            #expect(s.object(at: address).map { s.type(of: $0).qualifiedName } == "__main__.Frozen")
        }
        #expect(
            s.metadata.limitations.contains {
                $0.hasPrefix("\(frozen) objects are in the gc's permanent generation (gc.freeze())")
            },
            "\(s.metadata.limitations)"
        )
    }
}
