import CPython
import HeapGraph
import PythonAgent
import TestSupport
import Testing

/// What the walker must record beyond plain classes, dicts and the gc's own lists.
extension HeapWalkerTests {
    @Test func classesWithUnusualClassDictsKeepTheirModules() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("foreign_classes")
            let s = try HeapWalker.capture()
            let expected = try #require(PythonFixtures.value(module, "EXPECTED"))
            #expect(PyDict_Size(expected) == 3)
            var position = 0
            var key: UnsafeMutablePointer<PyObject>?
            var value: UnsafeMutablePointer<PyObject>?
            while PyDict_Next(expected, &position, &key, &value) != 0 {
                let name = try #require(key.flatMap { PyUnicode_AsUTF8($0) }.map { String(cString: $0) })
                let count = PyLong_AsLong(value)
                #expect(s.objects(ofType: name).count == count, "\(name)")
            }
        }
    }
}

extension HeapWalkerTests {
    @Test func anOrderedDictHoldsEachKeyTwice() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("ordered_dict")
            let s = try HeapWalker.capture()
            #expect(PythonFixtures.int(module, "KEY_REFCOUNT") == 2)
            let ordered = try #require(s.global(module, "ordered"))
            let edges = s.edges(from: ordered)
            // The node of its linked list first (as odict_traverse lists them), then its table,
            // labelled as the standalone agent labels them.
            let first = try #require(edges.first { $0.label == "<node key>" }?.target)
            #expect(s.label(of: first) == "'key-00000'")
            #expect(edges.filter { $0.target == first }.map(\.label) == ["<node key>", "<key>"])
            #expect(edges.filter { $0.label == "<key>" }.count == 1000)
            #expect(edges.filter { $0.label == "<node key>" }.count == 1000)
            #expect(s.target(from: ordered, "['key-00999']").map { s.label(of: $0) } == "0 items")
            // No key looks held from outside, so the OrderedDict retains all it holds.
            let held = Set(s.roots.filter { $0.kind == .heldFromOutside }.map(\.object))
            #expect(!edges.contains { held.contains($0.target) })
            let index = HeapIndex(s)
            let retained = index.retainedSize(ofSet: [ordered], in: index.dominatorTree())
            #expect(retained == UInt64(try #require(PythonFixtures.int(module, "RETAINED"))))
        }
    }
}

extension HeapWalkerTests {
    @Test func objectsInThePermanentGenerationAreRecorded() throws {
        try PythonRuntime.withGIL {
            let module = try PythonFixtures.run("frozen")
            defer { Py_XDECREF(PythonFixtures.call(module, "thaw")) }
            let s = try HeapWalker.capture()
            #expect(try #require(PythonFixtures.int(module, "FROZEN_COUNT")) >= 1000)
            let instances = s.objects(ofType: "\(module).Frozen")
            #expect(instances.count == 1000)
            #expect(instances.allSatisfy { s.flags(of: $0).contains(.gcTracked) && s.refcount(of: $0) == 1 })
            let list = try #require(s.global(module, "frozen"))
            #expect(s.refcount(of: list) == 1)
            #expect(Set(s.edges(from: list).map(\.target)) == Set(instances))
        }
    }
}
