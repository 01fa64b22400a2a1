extension HeapReader {
    /// One thread with Python code running: its id (`threading.get_ident()`), its name as
    /// `threading` knows it, and its innermost frame (a frame object's address, or on 3.11+ the
    /// address of an interpreter frame that has no frame object).
    struct ThreadTop {
        var threadID: UInt64
        var name: String
        var frame: UInt64
    }

    /// Every thread of every interpreter that runs Python code, as `sys._current_frames()`
    /// lists them, named as the agent names them. On 3.11+ the interpreter frames of each
    /// thread's chain are noted as running (`runningFrames`), and those without a frame object
    /// (`interpreterFrames`) become frame records of their own. A thread whose frames cannot
    /// be read is skipped and counted, and so is the rest of a list whose next state cannot be.
    func threadTops(interpreters: [UInt64]) -> [ThreadTop] {
        runningFrames = []
        interpreterFrames = []
        var names: [UInt64: String] = [:]
        if let main = interpreters.last { names = (try? threadNames(interpreter: main)) ?? [:] }
        var tops: [ThreadTop] = []
        for interpreter in interpreters {
            guard var state = try? field(interpreter, "PyInterpreterState.threads.head") else {
                skipped["unreadable thread state", default: 0] += 1
                continue
            }
            var steps = 0
            while state != 0 && steps < 1 << 16 {
                steps += 1
                guard let id = try? field(state, "PyThreadState.thread_id"),
                    let next = try? field(state, "PyThreadState.next")
                else {
                    skipped["unreadable thread state", default: 0] += 1
                    break
                }
                do {
                    if let frame = try innermostFrame(threadState: state) {
                        tops.append(ThreadTop(threadID: id, name: names[id] ?? "thread \(id)", frame: frame))
                    }
                } catch {
                    skipped["thread whose frames could not be read", default: 0] += 1
                }
                state = next
            }
        }
        return tops
    }

    /// The thread's innermost Python frame (nil when it runs none); on 3.11+ its chain of
    /// interpreter frames is noted as running on the way.
    private func innermostFrame(threadState state: UInt64) throws(HeapReaderError) -> UInt64? {
        if layout.minor < 11 {
            let frame = try field(state, "PyThreadState.frame")
            return frame == 0 ? nil : frame
        }
        var frame: UInt64
        if layout.minor >= 13 {
            frame = try field(state, "PyThreadState.current_frame")
        } else {
            let cframe = try field(state, "PyThreadState.cframe")
            frame = cframe == 0 ? 0 : try field(cframe, "_PyCFrame.current_frame")
        }
        var top: UInt64?
        var steps = 0
        while frame != 0 && steps < 1 << 20 {
            steps += 1
            if try !interpreterFrameIsIncomplete(frame) {
                runningFrames.insert(frame)
                let object = try field(frame, "_PyInterpreterFrame.frame_obj")
                if object == 0 { interpreterFrames.insert(frame) }
                if top == nil { top = object != 0 ? object : frame }
            }
            frame = try field(frame, "_PyInterpreterFrame.previous")
        }
        return top
    }

    /// Thread id → `Thread._name` from `threading._active` (the module in `sys.modules`), read
    /// from each thread object's own storage; empty if `threading` was never imported.
    func threadNames(interpreter: UInt64) throws(HeapReaderError) -> [UInt64: String] {
        let modules = try field(interpreter, "PyInterpreterState.modules")
        guard modules != 0,
            let threading = try dictValue(modules, key: "threading"),
            try field(threading, "PyObject.ob_type") == builtin("PyModule_Type"),
            let namespace = try moduleDict(threading),
            let active = try dictValue(namespace, key: "_active"),
            try field(active, "PyObject.ob_type") == builtin("PyDict_Type")
        else { return [:] }
        var names: [UInt64: String] = [:]
        for (key, thread) in try dictEntries(active) {
            guard try field(key, "PyObject.ob_type") == builtin("PyLong_Type"),
                let ident = UInt64(try intLabel(key)),
                let name = try instanceAttribute(thread, "_name"),
                try field(name, "PyObject.ob_type") == builtin("PyUnicode_Type")
            else { continue }
            names[ident] = try string(name)
        }
        return names
    }

    /// The value under the str key `key` in a dict, or nil.
    func dictValue(_ dict: UInt64, key: String) throws(HeapReaderError) -> UInt64? {
        for (k, value) in try dictEntries(dict) where (try? string(k)) == key { return value }
        return nil
    }

    /// A module's `__dict__`, or nil.
    func moduleDict(_ module: UInt64) throws(HeapReaderError) -> UInt64? {
        let offset = try memory.signedWord(builtin("PyModule_Type") &+ UInt64(layout["PyTypeObject.tp_dictoffset"]))
        guard offset > 0, offset < 1 << 16 else { throw outOfRange(builtin("PyModule_Type")) }
        let dict = try memory.word(module &+ UInt64(offset))
        return dict == 0 ? nil : dict
    }

    /// An attribute kept in an instance itself (its slots, inline values or `__dict__`), found
    /// without descriptors; nil if it has none of that name.
    func instanceAttribute(_ object: UInt64, _ name: String) throws(HeapReaderError) -> UInt64? {
        let type = try typeRecord(try field(object, "PyObject.ob_type"))
        guard type.isInstance else { return nil }
        var references: [(target: UInt64, label: UInt32)] = []
        try instanceReferences(object, type: type, into: &references)
        let wanted = label("." + name)
        for (value, label) in references {
            if label == wanted { return value }
            if label == fixed.dict, let found = try dictValue(value, key: name) { return found }
        }
        return nil
    }
}
