import CPython
import HeapGraph
import PythonAgent
import TestSupport
import Testing

/// References of extension types that Python cannot spell by attribute or key, named as the
/// standalone agent names them.
extension HeapWalkerTests {
    @Test func referencesOfExtensionTypesAreNamed() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("named_references")
            let s = try HeapWalker.capture()
            let payload = "\(module).Payload"
            // The object reached from a global through edges with these labels (optional, so that
            // a failed check prints the path, not the snapshot).
            func follow(_ name: String, _ labels: String...) -> ObjectID? {
                var object = s.global(module, name)
                for label in labels { object = object.flatMap { s.target(from: $0, label) } }
                return object
            }
            func payloadLabels(of name: String) -> [String]? {
                follow(name).map { object in
                    s.edges(from: object).filter { s.type(of: $0.target).qualifiedName == payload }.map(\.label)
                }
            }
            #expect(payloadLabels(of: "history") == ["[0]", "[1]", "[2]"])
            #expect(payloadLabels(of: "audit") == ["[0]", "[1]"])
            #expect(PythonFixtures.isTrue(PythonFixtures.value(module, "ITER_RAN")) == false)
            #expect(payloadLabels(of: "done") == ["._result"])
            #expect(follow("groups", ".default_factory").map { s.label(of: $0) } == "list")
            #expect(follow("groups", "['a']", "[0]").map { s.type(of: $0).qualifiedName } == payload)
            #expect(follow("fetch", "<cache>", "[1]").map { s.type(of: $0).qualifiedName } == payload)
            #expect(follow("fetch", ".__wrapped__").map { s.label(of: $0) } == "fetch")
            #expect(follow("fetch", ".__dict__") != nil)
            // The cache, not the cached result dict that the traversal lists before it.
            #expect(follow("settings", "<cache>").map { s.label(of: $0) } == "1 items")
        }
    }
}
