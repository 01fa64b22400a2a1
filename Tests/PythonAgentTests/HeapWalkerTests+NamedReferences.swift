import CPython
import HeapGraph
import PythonAgent
import Testing
import TestSupport

/// References of extension types that Python cannot spell by attribute or key, named as the
/// standalone agent names them.
extension HeapWalkerTests {
    @Test func referencesOfExtensionTypesAreNamed() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("named_references")
            let s = try HeapWalker.capture()
            let payload = "\(module).Payload"
            func labels(of name: String) throws -> [String] {
                let object = try #require(s.global(module, name), "\(name)")
                return s.edges(from: object).filter { s.type(of: $0.target).qualifiedName == payload }.map(\.label)
            }
            #expect(try labels(of: "history") == ["[0]", "[1]", "[2]"])
            #expect(try labels(of: "audit") == ["[0]", "[1]"])
            #expect(PythonFixtures.isTrue(PythonFixtures.value(module, "ITER_RAN")) == false)
            #expect(try labels(of: "done") == ["._result"])

            let groups = try #require(s.global(module, "groups"))
            let factory = try #require(s.target(from: groups, ".default_factory"))
            #expect(s.label(of: factory) == "list")
            let list = try #require(s.target(from: groups, "['a']"))
            #expect(s.target(from: list, "[0]").map { s.type(of: $0).qualifiedName } == payload)

            let fetch = try #require(s.global(module, "fetch"))
            let cache = try #require(s.target(from: fetch, "<cache>"))
            #expect(s.target(from: cache, "[1]").map { s.type(of: $0).qualifiedName } == payload)
            let wrapped = try #require(s.target(from: fetch, ".__wrapped__"))
            #expect(s.label(of: wrapped) == "fetch")
            #expect(s.target(from: fetch, ".__dict__") != nil)
        }
    }
}
