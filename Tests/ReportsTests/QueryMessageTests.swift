import HeapGraph
import Reports
import TestSupport
import Testing

/// The sentences the command line prints for a selection and for a query it cannot answer.
@Suite struct QueryMessageTests {
    let index = HeapIndex(
        GraphFixtures.make(nodes: [("Request", "r1"), ("dict", "1 items"), ("Request", "r2"), ("Request", "r3")])
    )

    @Test func noteSaysWhichOfSeveralMatchesWasTaken() throws {
        let first = try ObjectSelector(.type("Request")).select(in: index)
        #expect(first.note == "3 objects have type 'Request'; showing the first (use --pick N or --all).")
        let second = try ObjectSelector(.type("Request"), multiple: .pick(2)).select(in: index)
        #expect(second.note == "3 objects have type 'Request'; showing number 2 (use --pick N or --all).")
        #expect(try ObjectSelector(.type("Request"), multiple: .all).select(in: index).note == nil)
        #expect(try ObjectSelector(.type("dict")).select(in: index).note == nil)
    }

    @Test func errorsAreOneSentenceNamingTheOption() {
        #expect(
            HeapGraphError.pickOutOfRange(pick: 4, matchCount: 3, what: "type 'Request'").message
                == "'--pick 4' is out of range: 3 objects have type 'Request'; pick a number from 1 to 3."
        )
        #expect(
            HeapGraphError.pickOutOfRange(pick: 2, matchCount: 1, what: "type 'dict'").message
                == "'--pick 2' is out of range: 1 object has type 'dict'; pick a number from 1 to 1."
        )
        #expect(HeapGraphError.noSuchAddress(0xbeef).message == "No object at address 0xbeef is in the snapshot.")
        #expect(
            HeapGraphError.noSuchType(name: "Requst", closest: ["Request", "RequestQueue", "requests.Session"]).message
                == "No object has type 'Requst'; closest types: Request, RequestQueue, requests.Session."
        )
        #expect(HeapGraphError.noSuchType(name: "Foo", closest: []).message == "No object has type 'Foo'.")
    }
}
