import Foundation
import HeapGraph
import TestSupport
import Testing

/// The standalone agent under every supported CPython: the snapshot of a heap with known
/// structure holds exactly that structure, and refgraph's queries answer on it as they do
/// on the Swift walker's snapshot of the same program (`refgraph run`).
@Suite struct KnownHeapTests {
    /// The Swift walker's snapshot of the fixture, taken once (its `refgraph_agent.snapshot`
    /// call goes to the C-API walker under `refgraph run`).
    static let swiftSnapshot: Result<String, Error> = Result {
        let dir = try AgentProcess.folder("known-swift")
        let result = try AgentProcess.refgraph(
            ["run", "--snapshot", "end.rgs", AgentProcess.fixtures + "/known_heap.py", "heap.rgs"],
            in: dir
        )
        guard result.status == 0 else { throw AgentTestError("refgraph run failed: \(result.stderr)") }
        return dir + "/heap.rgs"
    }

    static let fixtureTypes = ["__main__.Leaf", "__main__.Node", "__main__.Target", "__main__.Slotted"]

    /// The chain to the `Target` object as refgraph prints it for 3.11+ (inline attributes);
    /// line 1's item count is that of the module's globals.
    static let targetChain = [
        "module __main__",
        "  .__dict__ → dict",
        "  ['registry'] → dict (1 items)",
        "  ['root'] → Node",
        "  .children → list (1 items)",
        "  [0] → dict (1 items)",
        "  ['deep'] → list (3 items)",
        "  [2] → Target",
    ]

    @Test(arguments: Interpreters.supported)
    func snapshotHoldsTheKnownHeap(minor: String) throws {
        let run = try AgentProcess.snapshot(minor, "known_heap", folder: "known-\(minor)", file: "heap.rgs")
        let (dir, facts, s) = (run.dir, run.facts, run.snapshot)

        #expect(s.metadata.pythonVersion.hasPrefix(minor + "."))
        #expect(UInt64(s.metadata.pid) == facts.uint("pid"))
        #expect(s.metadata.capturedBy.hasPrefix("refgraph_agent (pure Python)"))
        #expect(s.metadata.gcThresholds == [702, 11, 12])
        #expect(s.metadata.gcEnabled)
        #expect(!s.metadata.collected)
        #expect((s.metadata.rssBytes ?? 0) > 1_000_000)
        #expect(!s.metadata.limitations.isEmpty)
        #expect(facts["summary"] as? [String] == ["bytes", "edges", "objects", "path", "seconds", "write_seconds"])
        #expect(UInt64(s.objectCount) == facts.uint("objects"))

        #expect(s.objects(ofType: "__main__.Leaf").count == 5)
        #expect(s.objects(ofType: "__main__.Node").count == 3)
        #expect(s.objects(ofType: "__main__.Target").count == 1)
        #expect(s.objects(ofType: "__main__.Slotted").count == 1)

        let target = try #require(s.object(at: facts.uint("target") ?? 0))
        #expect(s.type(of: target).qualifiedName == "__main__.Target")
        #expect(s.flags(of: target).contains(.gcTracked))
        #expect(attribute(s, target, "payload").map { s.label(of: $0) } == "'the target'")
        let chain = try lines(AgentProcess.refgraph(["chain", "heap.rgs", "--type", "Target"], in: dir))
        let normalized = Self.collapsingInstanceDicts(chain)
        #expect(normalized.count == Self.targetChain.count)
        for (line, expected) in zip(normalized, Self.targetChain) {
            #expect(line.hasPrefix(expected), "\(chain)")
        }

        // The cycle a.peer → b, b.peer → a, named by the attribute.
        let cycle = facts.uints("cycle")
        let a = try #require(s.object(at: cycle[0]))
        let b = try #require(s.object(at: cycle[1]))
        #expect(attribute(s, a, "peer") == b)
        #expect(attribute(s, b, "peer") == a)
        #expect(s.edges(from: a).contains { $0.label == ".__class__" && s.label(of: $0.target) == "Node" })

        // __slots__ members are attributes whatever the version.
        let slotted = try #require(s.object(at: facts.uint("slotted") ?? 0))
        #expect(s.target(from: slotted, ".value") == s.object(at: facts.uint("leaf0") ?? 0))

        // Untracked strings: found through the list, exact sys.getsizeof sizes, safe labels.
        let strings = try #require(s.global("__main__", "STRINGS"))
        let addresses = facts.uints("strings")
        let sizes = facts.uints("sizes")
        let labels = ["'short'", "'" + String(repeating: "x", count: 40) + "'", "'café ☃'", "\"it's\"", "'unshared'"]
        for i in 0..<5 {
            let string = try #require(s.target(from: strings, "[\(i)]"))
            #expect(s.address(of: string) == addresses[i])
            #expect(s.type(of: string).qualifiedName == "str")
            #expect(s.size(of: string) == sizes[i])
            #expect(s.label(of: string) == labels[i])
            #expect(!s.flags(of: string).contains(.gcTracked))
            #expect(s.flags(of: string).contains(.labelTruncated) == (i == 1))
            #expect(s.refcount(of: string) >= 1)
        }
        let big = try #require(s.object(at: facts.uint("big") ?? 0))
        #expect(s.label(of: big) == "int of 71 bits")

        // Every fixture object is reached through recorded references and nothing else holds
        // it, so none is held from outside (the reader derives those roots from the
        // refcounts the agent wrote, which must not count the agent's own references).
        let fixtureObjects = Set(Self.fixtureTypes.flatMap { s.objects(ofType: $0) })
        #expect(fixtureObjects.count == 10)
        #expect(!s.roots.contains { $0.kind == .heldFromOutside && fixtureObjects.contains($0.object) })
        #expect(s.roots.contains { $0.kind == .heldFromOutside })
        let walkNamed = Set(facts.uints("walk_named").compactMap { s.object(at: $0) })
        #expect(walkNamed.count == 5)
        #expect(!s.roots.contains { $0.kind == .heldFromOutside && walkNamed.contains($0.object) })

        // Roots: modules by their sys.modules keys, the main thread's frame by its name.
        #expect(s.module("__main__") != nil)
        #expect(s.module("sys").map { s.label(of: $0) } == "sys")
        let thread = try #require(s.roots.first { $0.kind == .threadFrame })
        #expect(s.strings[thread.name] == "MainThread")
        #expect(thread.detail == facts.uint("thread"))
        #expect(s.label(of: thread.object).hasPrefix("known_heap.py:"))
        #expect(s.flags(of: thread.object).contains(.frame))
    }

    @Test(arguments: Interpreters.supported)
    func queriesAnswerAsOnTheSwiftWalkersSnapshot(minor: String) throws {
        let python = try Interpreters.require(minor)
        let swift = try Self.swiftSnapshot.get()
        let dir = try AgentProcess.folder("compare-\(minor)")
        _ = try AgentProcess.run(python, "known_heap", ["heap.rgs"], in: dir)
        let pure = dir + "/heap.rgs"

        let pureCounts = try typeCounts(pure, in: dir)
        let swiftCounts = try typeCounts(swift, in: dir)
        for name in Self.fixtureTypes {
            #expect(pureCounts[name] != nil && pureCounts[name] == swiftCounts[name], "\(name)")
        }
        let pureChain = try lines(AgentProcess.refgraph(["chain", pure, "--type", "Target"], in: dir))
        let swiftChain = try lines(AgentProcess.refgraph(["chain", swift, "--type", "Target"], in: dir))
        #expect(Self.collapsingInstanceDicts(pureChain) == swiftChain)
        // What holds the target is the same heap in every version; what it refers to is the
        // same from 3.11 on (before, its attributes sit in a real __dict__; 3.13 classes
        // have two more dict entries, so one level only).
        try expectSameOutput(["backrefs", "--type", "Target", "--max-depth", "3"], pure, swift, in: dir)
        if !["3.8", "3.9", "3.10"].contains(minor) {
            try expectSameOutput(["refs", "--type", "Target", "--max-depth", "1"], pure, swift, in: dir)
        }
    }

    private func expectSameOutput(_ arguments: [String], _ pure: String, _ swift: String, in dir: String) throws {
        let pureOutput = try AgentProcess.refgraph([arguments[0], pure] + arguments.dropFirst(), in: dir)
        let swiftOutput = try AgentProcess.refgraph([arguments[0], swift] + arguments.dropFirst(), in: dir)
        #expect(pureOutput.status == 0 && swiftOutput.status == 0)
        #expect(pureOutput.stdout == swiftOutput.stdout, "\(arguments)")
    }

    /// `top --json` counts by qualified name.
    private func typeCounts(_ snapshot: String, in dir: String) throws -> [String: Int] {
        let result = try AgentProcess.refgraph(["top", snapshot, "--json", "--limit", "100000"], in: dir)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        var counts: [String: Int] = [:]
        for row in document?["rows"] as? [[String: Any]] ?? [] {
            if let name = row["qualifiedName"] as? String, let count = row["count"] as? Int { counts[name] = count }
        }
        return counts
    }

    private func lines(_ result: CommandResult) throws -> [String] {
        guard result.status == 0 else { throw AgentTestError("refgraph failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// An instance attribute: `.name` (3.11+ inline values, slots) or, before 3.11, the
    /// instance's `__dict__` entry.
    private func attribute(_ s: Snapshot, _ object: ObjectID, _ name: String) -> ObjectID? {
        if let direct = s.target(from: object, "." + name) { return direct }
        return s.target(from: object, ".__dict__").flatMap { s.target(from: $0, "['\(name)']") }
    }

    /// Before 3.11 an instance keeps its attributes in a real `__dict__`, so its chain has
    /// one more link (`.__dict__ → dict`, `['name'] → X`); this writes such a pair as the one
    /// link 3.11+ records (`.name → X`). Module dicts are kept.
    static func collapsingInstanceDicts(_ chain: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < chain.count {
            let line = chain[i]
            if i > 0, i + 1 < chain.count, !chain[i - 1].hasPrefix("module "), line.hasPrefix("  .__dict__ → dict ("),
                chain[i + 1].hasPrefix("  ['"), let close = chain[i + 1].range(of: "'] → ")
            {
                let name = chain[i + 1][chain[i + 1].index(chain[i + 1].startIndex, offsetBy: 4)..<close.lowerBound]
                out.append("  ." + name + " → " + chain[i + 1][close.upperBound...])
                i += 2
                continue
            }
            out.append(line)
            i += 1
        }
        return out
    }
}
