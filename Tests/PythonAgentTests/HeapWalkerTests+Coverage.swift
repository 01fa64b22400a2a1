import CPython
import HeapGraph
import PythonAgent
import Testing
import TestSupport

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
