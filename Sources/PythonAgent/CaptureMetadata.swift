import CPython
import Foundation
import HeapGraph

/// The `SnapshotMetadata` of a capture, read before the walk (its temporaries are gone by
/// the time `gc.get_objects()` runs).
enum CaptureMetadata {
    /// What this capture does not record, one sentence each.
    static let limitations = [
        "Objects that no gc-tracked object, thread frame or module references (for example objects held only by C code) are not recorded.",
        "References that tp_traverse does not report are not recorded, except dict keys, code object fields and static type fields, which are added.",
        "Objects with an immortal-style reference count (\(Root.immortalRefcount) and up: None, small ints, static strings) are never reported as held from outside.",
        "Frame objects are created for every running frame so that they can be recorded; references held only by C call stacks show up as held-from-outside roots.",
        "Dict key tables shared between instances of a class are not recorded as objects; instance attributes are recorded as edges named '.name'.",
        "Sizes of objects whose type defines __sizeof__ in Python use the object.__sizeof__ formula; that method is never called.",
    ]

    /// `gc.get_count()`.
    static func gcCounts() -> [Int] { intTuple("get_count") }

    static func read(time: Double, gcEnabled: Bool, gcCounts: [Int], collected: Bool) -> SnapshotMetadata {
        let memory = memoryUsage()
        return SnapshotMetadata(
            pythonVersion: sysString("version") ?? "",
            pythonImplementation: "cpython",
            pid: getpid(),
            time: time,
            rssBytes: memory.rss,
            peakRSSBytes: memory.peak,
            gcEnabled: gcEnabled,
            gcCounts: gcCounts,
            gcThresholds: intTuple("get_threshold"),
            collected: collected,
            capturedBy: HeapWalker.capturedBy,
            captureSeconds: 0,
            executable: sysString("executable"),
            argv: sysArgv(),
            incomplete: nil,
            limitations: limitations
        )
    }

    private static func sysString(_ name: String) -> String? {
        guard let value = PySys_GetObject(name), rg_is_str(value) != 0 else { return nil }
        return PythonString.swiftString(value)
    }

    private static func sysArgv() -> [String]? {
        guard let argv = PySys_GetObject("argv"), rg_is_list(argv) != 0, let items = rg_list_items(argv) else {
            return nil
        }
        return (0..<PyList_Size(argv)).compactMap { i in
            items[i].flatMap { rg_is_str($0) != 0 ? PythonString.swiftString($0) : nil }
        }
    }

    /// A tuple of ints returned by a `gc` function with no arguments.
    private static func intTuple(_ function: String) -> [Int] {
        guard let tuple = GCModule.call(function) else { return [] }
        defer { Py_DECREF(tuple) }
        guard rg_is_tuple(tuple) != 0 else { return [] }
        guard let items = rg_tuple_items(tuple) else { return [] }
        return (0..<PyTuple_Size(tuple)).map { i in items[i].map { PyLong_AsLong($0) } ?? 0 }
    }

    /// VmRSS and VmHWM of /proc/self/status, in bytes.
    private static func memoryUsage() -> (rss: UInt64?, peak: UInt64?) {
        guard let text = ProcFile.read("/proc/self/status") else { return (nil, nil) }
        var rss: UInt64?
        var peak: UInt64?
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = UInt64(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { rss = kb * 1024 } else if parts[0] == "VmHWM:" { peak = kb * 1024 }
        }
        return (rss, peak)
    }
}
