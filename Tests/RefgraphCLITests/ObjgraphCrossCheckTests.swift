import Foundation
import TestSupport
import Testing

/// refgraph's answers checked against objgraph and gc on the same live heap: the fixture
/// takes a snapshot, then, with every object still alive, runs `refgraph chain` and
/// `refgraph backrefs --max-depth 1` on it and compares them with
/// `objgraph.find_backref_chain`, `gc.get_referents` and `gc.get_referrers`.
@Suite struct ObjgraphCrossCheckTests {
    /// Each target of crosscheck.py and the length of its chain from a module, known from
    /// how the fixture holds it.
    static let knownChainLengths = [
        "list-item": 5,  // module → dict → Holder → dict → list → Target
        "closure": 6,  // module → dict → dict → function → tuple → cell → Target
        "class-tuple": 5,  // module → dict → type → dict → tuple → Target
        "cycle-leaf": 3,  // module → dict → Node (leaf, in a parent/children cycle) → Target
        "shared": 2,  // module → dict → Target
        "nested-lists": 7,  // module → dict → list → list → list → list → list → Target
    ]

    @Test func chainsAndBackrefsAgreeWithObjgraphAndGc() throws {
        let venv = try Interpreters.requireTestVirtualenv()
        let dir = try TestPaths.scratchFolder("crosscheck")
        let result = try refgraph(
            ["run", "--python-env", venv, cliFixture("crosscheck.py"), TestPaths.refgraphBinary],
            in: dir
        )
        try #require(result.status == 0, "\(result.stderr)")

        var chains: [String: (ours: Int, objgraph: Int, confirmed: Bool)] = [:]
        var backrefs: [String: String] = [:]
        for line in lines(result.stdout) {
            let words = line.split(separator: " ").map(String.init)
            func value(_ key: String) -> String? {
                words.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            }
            if words.first == "chain", words.count >= 2, let ours = value("refgraph").flatMap(Int.init),
                let theirs = value("objgraph").flatMap(Int.init)
            {
                chains[words[1]] = (ours, theirs, value("confirmed") == "True")
            } else if words.first == "backrefs", words.count >= 2 {
                backrefs[words[1]] = line
            }
        }
        #expect(Set(chains.keys) == Set(Self.knownChainLengths.keys), "\(result.stdout)")
        for (name, length) in Self.knownChainLengths {
            let chain = chains[name]
            #expect(chain?.ours == length, "refgraph's chain to \(name)")
            #expect(chain?.objgraph == length, "objgraph's chain to \(name)")
            #expect(chain?.confirmed == true, "a link of the chain to \(name) is not a reference gc reports")
            #expect(
                backrefs[name]?.contains("equal=True") == true,
                "\(backrefs[name] ?? "no backrefs line for \(name)")"
            )
        }
        // Every target at once (one --address each): the union of their referrers.
        #expect(backrefs["every-target"]?.contains("equal=True") == true, "\(backrefs["every-target"] ?? "no line")")
    }
}
