import CPython
import Foundation
import HeapGraph
import PythonAgent

/// Runs the fixture scripts of Fixtures/ in the one shared interpreter of the test process
/// and reads values back. Every function here expects the GIL (`PythonRuntime.withGIL`).
enum PythonFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    static func path(_ name: String) -> String { folder + "/" + name + ".py" }

    /// Runs `Fixtures/NAME.py` as the module `fx_NAME` and returns the module name.
    @discardableResult
    static func run(_ name: String) throws -> String {
        let module = "fx_" + name
        let status = try PythonRuntime.runScript(at: path(name), moduleName: module)
        guard status == 0 else { throw FixtureError("fixture \(name) exited with \(status)") }
        return module
    }

    /// A module-level value of a fixture module (borrowed).
    static func value(_ module: String, _ name: String) -> UnsafeMutablePointer<PyObject>? {
        guard let m = PyImport_AddModule(module), let dict = PyModule_GetDict(m) else { return nil }
        return PyDict_GetItemString(dict, name)
    }

    static func int(_ module: String, _ name: String) -> Int? {
        guard let v = value(module, name) else { return nil }
        let n = PyLong_AsLong(v)
        if PyErr_Occurred() != nil {
            PyErr_Clear()
            return nil
        }
        return n
    }

    static func ints(_ module: String, _ name: String) -> [Int] {
        guard let list = value(module, name) else { return [] }
        return (0..<PyList_Size(list)).map { PyLong_AsLong(PyList_GetItem(list, $0)) }
    }

    /// Calls `module.function(*arguments)` with str and bool arguments; returns the result (new
    /// reference) or nil after printing the Python error.
    static func call(_ module: String, _ function: String, _ arguments: [Any] = []) -> UnsafeMutablePointer<PyObject>? {
        guard let f = value(module, function), let args = PyTuple_New(arguments.count) else { return nil }
        defer { Py_DECREF(args) }
        for (i, argument) in arguments.enumerated() {
            let item: UnsafeMutablePointer<PyObject>?
            switch argument {
            case let s as String: item = PyUnicode_FromString(s)
            case let b as Bool: item = PyBool_FromLong(b ? 1 : 0)
            default: item = nil
            }
            PyTuple_SetItem(args, i, item)
        }
        let result = PyObject_Call(f, args, nil)
        if result == nil { PyErr_Print() }
        return result
    }

    static func isTrue(_ object: UnsafeMutablePointer<PyObject>?) -> Bool {
        guard let object else { return false }
        return PyObject_IsTrue(object) == 1
    }

    static func address(_ object: UnsafeMutablePointer<PyObject>?) -> UInt64 {
        UInt64(UInt(bitPattern: object))
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("refgraph-agent-tests-\(getpid())-\(name)").path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
