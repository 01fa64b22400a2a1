import HeapGraph
import Reports
import TestSupport
import Testing

/// Names and labels from a snapshot reach the terminal only through `SafeText`: chains,
/// cycles, retained sizes and query errors show control characters as visible escapes and
/// a NUL as `\0`, never raw, and never cut a name short.
@Suite struct VisibleTextTests {
    /// `__main__` → a dict → an object of a hostile type whose label holds a NUL and an ESC.
    let index = HeapIndex(
        GraphFixtures.make(
            nodes: [
                ("module", "__main__"), ("dict", "1 items"),
                ("evil\u{1B}]0;t\u{07}:Nul\u{0}Hidden\u{9B}", "a\u{0}b\u{1B}[2J\rc\u{202E}"),
            ],
            edges: [(0, 1, ".__dict__"), (1, 2, "k\u{0}ey\u{07}")],
            roots: [(0, .module)]
        )
    )

    @Test func chainTextShowsEveryControlCharacterAsAnEscape() throws {
        let target = ObjectID(2)
        guard case let .found(chain) = index.shortestChain(to: [target], from: .module) else {
            Issue.record("no chain")
            return
        }
        #expect(
            index.describe(chain) == [
                "module __main__", "  .__dict__ → dict (1 items)",
                #"  ['k\0ey\x07'] → Nul\0Hidden\x9b (a\0b\x1b[2J\rc\u202e)"#,
            ]
        )
    }

    @Test func unreachableTargetNamesItsTypeVisibly() {
        let lines = index.describe(.unreachable(target: ObjectID(2), holders: [ObjectID(1)]), end: .type(TypeID(2)))
        #expect(
            lines.first?.hasSuffix(#"is not reachable from any object of type evil\x1b]0;t\x07.Nul\0Hidden\x9b."#)
                == true
        )
    }

    @Test func longLabelsAreCut() {
        let long = HeapIndex(GraphFixtures.make(nodes: [("str", String(repeating: "x", count: 1_000_000))]))
        let text = long.shortDescription(of: ObjectID(0))
        #expect(text.count < 300)
        #expect(text.hasSuffix("x…)"))
    }

    @Test func typeErrorsShowNamesVisibly() {
        let message = HeapGraphError.noSuchType(name: "Nu\u{1B}l", closest: ["Nul\u{0}Hidden\u{9B}", "x\ry"]).message
        #expect(message == #"No object has type 'Nu\x1bl'; closest types: Nul\0Hidden\x9b, x\ry."#)
    }
}
