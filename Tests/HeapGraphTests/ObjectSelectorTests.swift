import HeapGraph
import TestSupport
import Testing

@Suite struct ObjectSelectorTests {
    let index = HeapIndex(
        GraphFixtures.make(nodes: [
            ("Request", "r1"),  // 0 __main__.Request
            ("dict", "1 items"),  // 1
            ("RequestQueue", ""),  // 2
            ("requests.Session", ""),  // 3
            ("Request", "r2"),  // 4
            ("pkg.mod:Outer.Inner", ""),  // 5
            ("other.Session", ""),  // 6
            ("Request", "r3"),  // 7
        ])
    )

    private func chosen(
        _ criterion: ObjectSelector.Criterion,
        _ multiple: ObjectSelector.Multiple = .first
    ) throws -> [Int] {
        try ObjectSelector(criterion, multiple: multiple).select(in: index).chosen.map(\.index)
    }

    @Test func shortAndQualifiedNames() throws {
        #expect(try chosen(.type("Request"), .all) == [0, 4, 7])
        #expect(try chosen(.type("__main__.Request"), .all) == [0, 4, 7])
        #expect(try chosen(.type("dict")) == [1])
        #expect(try chosen(.type("builtins.dict")) == [1])
        #expect(try chosen(.type("requests.Session")) == [3])
        #expect(try chosen(.type("Inner")) == [5])
        #expect(try chosen(.type("Outer.Inner")) == [5])
        #expect(try chosen(.type("pkg.mod.Outer.Inner")) == [5])
    }

    @Test func aShortNameMatchesEveryModulesType() throws {
        #expect(try chosen(.type("Session"), .all) == [3, 6])
    }

    @Test func multipleMatches() throws {
        #expect(try chosen(.type("Request")) == [0])
        #expect(try chosen(.type("Request"), .pick(2)) == [4])
        #expect(try chosen(.type("Request"), .pick(3)) == [7])
        let selection = try ObjectSelector(.type("Request")).select(in: index)
        #expect(selection.matchCount == 3 && selection.chosen.map(\.index) == [0])
    }

    @Test func pickOutOfRange() {
        #expect(throws: HeapGraphError.pickOutOfRange(pick: 4, matchCount: 3, what: "type 'Request'")) {
            try chosen(.type("Request"), .pick(4))
        }
        #expect(throws: HeapGraphError.pickOutOfRange(pick: 0, matchCount: 1, what: "type 'dict'")) {
            try chosen(.type("dict"), .pick(0))
        }
    }

    @Test func address() throws {
        #expect(try chosen(.address(GraphFixtures.address(6))) == [6])
        #expect(throws: HeapGraphError.noSuchAddress(0xbeef)) { try chosen(.address(0xbeef)) }
    }

    @Test func severalAddressesInTheOrderGivenEachOnce() throws {
        let six = GraphFixtures.address(6)
        let two = GraphFixtures.address(2)
        #expect(try chosen(.addresses([six, two, six]), .all) == [6, 2])
        #expect(try chosen(.addresses([six, two]), .pick(2)) == [2])
        #expect(throws: HeapGraphError.noSuchAddress(0xbeef)) { try chosen(.addresses([six, 0xbeef]), .all) }
        let selection = try ObjectSelector(.addresses([six, two]), multiple: .all).select(in: index)
        #expect(selection.what == "addresses 0x\(String(six, radix: 16)), 0x\(String(two, radix: 16))")
    }

    @Test func closestNamesWhenNothingMatches() {
        let expected = HeapGraphError.noSuchType(
            name: "Requst",
            closest: ["Request", "RequestQueue", "requests.Session"]
        )
        #expect(throws: expected) { try chosen(.type("Requst")) }
    }

    @Test func closestNamesShowQualifiedNamesWhenShortOnesClash() {
        #expect(index.closestTypeNames(to: "Sesion", limit: 2) == ["other.Session", "requests.Session"])
        #expect(index.closestTypeNames(to: "inner", limit: 1) == ["Outer.Inner"])
    }

    @Test func noTypesAtAll() {
        let empty = HeapIndex(GraphFixtures.make(nodes: []))
        #expect(throws: HeapGraphError.noSuchType(name: "Foo", closest: [])) {
            try ObjectSelector(.type("Foo")).select(in: empty)
        }
    }
}
