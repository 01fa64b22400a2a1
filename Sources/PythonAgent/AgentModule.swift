import CPython
import Foundation
import HeapGraph
import ResourceLookup
import Synchronization

/// The built-in extension module `_refgraph` (registered with `PyImport_AppendInittab`
/// before start-up) and the bundled `refgraph_agent.py` that delegates to it.
///
/// `_refgraph.snapshot(path, collect=False)` walks the heap with `HeapWalker`, writes the
/// snapshot to `path` (relative to the process's cwd) and returns
/// `{"path": str, "objects": int, "edges": int, "bytes": int, "seconds": float,
/// "write_seconds": float}` (`seconds` is the whole capture, file write included). Failures
/// raise `OSError` (the file) or `RuntimeError` (the walk), never crash.
enum AgentModule {
    private static let registered = Mutex(false)

    /// Registers `_refgraph` as a built-in module; must run before `Py_Initialize`.
    static func register() {
        registered.withLock { done in
            guard !done else { return }
            done = true
            // The inittab keeps the name pointer for the life of the process: give it a C string
            // that is never freed (a Swift string literal's pointer lives only for the call).
            PyImport_AppendInittab(strdup("_refgraph")) {
                rg_make_module(
                    { _, args, nargs in AgentModule.snapshot(args, nargs) },
                    "snapshot(path, collect=False) -> dict: write a heap snapshot of this process to path."
                )
            }
        }
    }

    /// The folder holding the bundled `refgraph_agent.py`, put on `sys.path` at start-up:
    /// `REFGRAPH_AGENT_DIR` when it holds the file, else the `PythonAgent` resource bundle found by
    /// `ResourceBundle` (beside the executable; never `Bundle.module`, whose accessor ends the
    /// process when the bundle was not copied along).
    static let agentDirectory: Result<String, ResourceBundle.Missing> = {
        if let override = ProcessInfo.processInfo.environment["REFGRAPH_AGENT_DIR"], !override.isEmpty,
            FileManager.default.fileExists(atPath: override + "/" + agentFileName)
        {
            return .success(override)
        }
        do throws(ResourceBundle.Missing) {
            let bundle = try ResourceBundle.of(target: "PythonAgent")
            _ = try bundle.file(agentFileName)
            return .success(bundle.path)
        } catch {
            return .failure(error)
        }
    }()

    /// The agent's file name, which is also its module name.
    static let agentFileName = "refgraph_agent.py"

    private static func snapshot(
        _ args: UnsafePointer<UnsafeMutablePointer<PyObject>?>?,
        _ nargs: Int
    ) -> UnsafeMutablePointer<PyObject>? {
        guard let args, nargs >= 1, nargs <= 2, let pathObject = args[0], rg_is_str(pathObject) != 0 else {
            PyErr_SetString(rg_ExcTypeError(), "snapshot() takes a path (str) and an optional collect flag.")
            return nil
        }
        var collect = false
        if nargs == 2, let flag = args[1] {
            let truth = PyObject_IsTrue(flag)
            if truth < 0 { return nil }
            collect = truth == 1
        }
        guard let encoded = PyUnicode_EncodeFSDefault(pathObject) else { return nil }
        let path = String(cString: PyBytes_AsString(encoded))
        Py_DECREF(encoded)
        do {
            let summary = try SnapshotWriter.captureAndWrite(to: path, collectFirst: collect)
            return summaryDict(summary)
        } catch let error as PythonAgentError {
            let exception = error.kind == .snapshotWrite ? rg_ExcOSError() : rg_ExcRuntimeError()
            PyErr_SetString(exception, error.message)
            return nil
        } catch {
            PyErr_SetString(rg_ExcRuntimeError(), "\(error)")
            return nil
        }
    }

    private static func summaryDict(_ summary: CaptureSummary) -> UnsafeMutablePointer<PyObject>? {
        guard let dict = PyDict_New() else { return nil }
        let items: [(String, UnsafeMutablePointer<PyObject>?)] = [
            ("path", PyUnicode_DecodeFSDefault(summary.path)),
            ("objects", PyLong_FromLongLong(Int64(summary.objects))),
            ("edges", PyLong_FromLongLong(Int64(summary.edges))),
            ("bytes", PyLong_FromUnsignedLongLong(summary.totalBytes)),
            ("seconds", PyFloat_FromDouble(summary.seconds)),
            ("write_seconds", PyFloat_FromDouble(summary.writeSeconds)),
        ]
        var failed = false
        for (key, value) in items {
            guard let value else {
                failed = true
                continue
            }
            if PyDict_SetItemString(dict, key, value) < 0 { failed = true }
            Py_DECREF(value)
        }
        if failed {
            Py_DECREF(dict)
            return nil
        }
        return dict
    }
}
