import HeapGraph

extension HeapReader {
    /// One slot of a frame's locals: its label (`f_locals['x']`) and whether it is a cell or
    /// free variable (then a cell in it is labelled `f_locals['x'] (cell)`).
    struct LocalName {
        var label: UInt32
        /// `f_locals['x'] (cell)`, for a cell or free variable; else 0.
        var cellLabel: UInt32
        var cellKind: Bool { cellLabel != 0 }
    }

    /// The slot named `text` (`f_locals['x']`), a cell or free variable's if `cellKind`.
    func localName(_ text: String, cellKind: Bool) -> LocalName {
        LocalName(label: label(text), cellLabel: cellKind ? label(text + " (cell)") : 0)
    }

    /// The references of a frame object in its traverse's order, named as the agent and the
    /// C-API walker name them. 3.8-3.10: `f_back`, code, builtins, globals, locals dict,
    /// trace, the fast locals, cells and free variables by name, then the value stack. 3.11+: a
    /// frame still running on a thread is listed from its interpreter frame; one that owns its
    /// interpreter frame (it outlived its call) lists that frame's fields; one whose frame a
    /// suspended generator owns lists only `f_back` and `f_trace`, as `frame_tp_traverse`.
    func frameReferences(_ address: UInt64, into out: inout [(target: UInt64, label: UInt32)]) throws(HeapReaderError) {
        if layout.minor < 11 {
            try legacyFrameReferences(address, into: &out)
            return
        }
        let iframe = try field(address, "PyFrameObject.f_frame")
        if runningFrames.contains(iframe) {
            try runningFrameReferences(iframe, frameObject: address, into: &out)
            return
        }
        append(try field(address, "PyFrameObject.f_back"), ".f_back", to: &out)
        append(try field(address, "PyFrameObject.f_trace"), ".f_trace", to: &out)
        for name in ["PyFrameObject.f_extra_locals", "PyFrameObject.f_locals_cache"] where layout.optional(name) != nil
        {
            append(try field(address, name), "", to: &out)
        }
        let owner = try memory.load(iframe &+ UInt64(layout["_PyInterpreterFrame.owner"]), as: Int8.self)
        if Int(owner) == layout["FRAME_OWNED_BY_FRAME_OBJECT"] {
            try interpreterFrameReferences(iframe, frameLabel: "", codeLabel: ".f_code", running: false, into: &out)
        }
    }

    /// The record of a running 3.11+ interpreter frame that has no frame object: a `frame` at
    /// the interpreter frame's address, with the size its frame object would have, a refcount
    /// of one (the one its thread would hold), and the references of a running frame.
    func readInterpreterFrame(
        _ iframe: UInt64,
        references: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        let type = try typeRecord(builtin("PyFrame_Type"))
        try runningFrameReferences(iframe, frameObject: nil, into: &references)
        let code = try interpreterFrameCode(iframe)
        let line = try interpreterFrameLine(iframe, code: code)
        let size = try frameSize(code: code, basicSize: type.basicSize) + UInt64(layout["sizeof(PyGC_Head)"])
        columns.addObject(
            type: type.index,
            size: size,
            refcount: 1,
            label: label(try frameLabel(code: code, line: line)),
            flags: type.objectFlags,
            references: references
        )
    }

    /// A frame object's label, `file.py:12 in name`, with its current line as `f_lineno` gives it.
    func frameObjectLabel(_ address: UInt64) throws(HeapReaderError) -> String {
        let traced = Int(try memory.load(address &+ UInt64(layout["PyFrameObject.f_lineno"]), as: Int32.self))
        if layout.minor >= 11 {
            let iframe = try field(address, "PyFrameObject.f_frame")
            let code = try interpreterFrameCode(iframe)
            return try frameLabel(code: code, line: traced != 0 ? traced : try interpreterFrameLine(iframe, code: code))
        }
        let code = try field(address, "PyFrameObject.f_code")
        // 3.8 and 3.9 keep f_lineno only while tracing; 3.10 whenever it is not 0.
        let tracing = layout.minor >= 10 ? traced != 0 : try field(address, "PyFrameObject.f_trace") != 0
        if tracing { return try frameLabel(code: code, line: traced) }
        let lasti = Int(try memory.load(address &+ UInt64(layout["PyFrameObject.f_lasti"]), as: Int32.self))
        return try frameLabel(code: code, line: try codeLine(code, address: layout.minor >= 10 ? lasti * 2 : lasti))
    }

    /// `frame.__sizeof__` of a frame running `code`, without the gc header: 3.11+ the frame
    /// object and room for the code's locals and stack; 3.8-3.10 the same less one slot
    /// (`f_localsplus[1]` is counted in the struct).
    func frameSize(code: UInt64, basicSize: Int) throws(HeapReaderError) -> UInt64 {
        let stack = Int(try memory.load(code &+ UInt64(layout["PyCodeObject.co_stacksize"]), as: Int32.self))
        let slots: Int
        if layout.minor >= 11 {
            slots = Int(try memory.load(code &+ UInt64(layout["PyCodeObject.co_nlocalsplus"]), as: Int32.self))
        } else {
            slots = try localNames(code).count - 1
        }
        // Each below 2^20: a value past that is damage or a change under the read.
        guard slots >= -1, slots < 1 << 20, stack >= 0, stack < 1 << 20 else { throw outOfRange(code) }
        return UInt64(max(basicSize + (slots + stack) * Int(pointerSize), 0))
    }

    /// 3.8-3.10: a frame object owns its fields, fast locals and (when suspended) its stack.
    private func legacyFrameReferences(
        _ address: UInt64,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        let code = try field(address, "PyFrameObject.f_code")
        for (name, label) in [
            ("f_back", ".f_back"), ("f_code", ".f_code"), ("f_builtins", ".f_builtins"), ("f_globals", ".f_globals"),
            ("f_locals", ".f_locals"), ("f_trace", ".f_trace"),
        ] {
            append(try field(address, "PyFrameObject.\(name)"), label, to: &out)
        }
        let names = try localNames(code)
        let locals = address &+ UInt64(layout["PyFrameObject.f_localsplus"])
        try appendLocals(locals, names: names, count: names.count, into: &out)
        let stack = try field(address, "PyFrameObject.f_valuestack")
        var depth = 0
        if let offset = layout.optional("PyFrameObject.f_stackdepth") {
            // -1 while the frame runs: its stack pointer is the evaluation loop's own.
            depth = max(Int(try memory.load(address &+ UInt64(offset), as: Int32.self)), 0)
        } else {
            let top = try field(address, "PyFrameObject.f_stacktop")
            if top > stack { depth = Int((top - stack) / pointerSize) }
        }
        guard depth >= 0, depth < 1 << 20 else {
            throw HeapReaderError(.inconsistent, "A frame's stack has \(depth) items.")
        }
        for i in 0..<depth { append(try memory.word(stack &+ UInt64(i) * pointerSize), "", to: &out) }
    }

    /// A 3.11+ frame running on a thread: the frame it returns to (its frame object, or the
    /// interpreter frame's own record), its trace function, globals, then its interpreter
    /// frame's fields and every local, read from the frame whatever its stack pointer says.
    func runningFrameReferences(
        _ iframe: UInt64,
        frameObject: UInt64?,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        var back = try field(iframe, "_PyInterpreterFrame.previous")
        var steps = 0
        while back != 0, try interpreterFrameIsIncomplete(back), steps < 1 << 20 {
            back = try field(back, "_PyInterpreterFrame.previous")
            steps += 1
        }
        if back != 0 {
            let object = try field(back, "_PyInterpreterFrame.frame_obj")
            append(object != 0 ? object : back, ".f_back", to: &out)
        }
        if let frameObject {
            append(try field(frameObject, "PyFrameObject.f_trace"), ".f_trace", to: &out)
            for name in ["PyFrameObject.f_extra_locals", "PyFrameObject.f_locals_cache"]
            where layout.optional(name) != nil {
                append(try field(frameObject, name), "", to: &out)
            }
        }
        append(try field(iframe, "_PyInterpreterFrame.f_globals"), ".f_globals", to: &out)
        try interpreterFrameReferences(iframe, frameLabel: nil, codeLabel: ".f_code", running: true, into: &out)
    }

    /// `_PyFrame_Traverse` of a 3.11+ interpreter frame: its frame object (when `frameLabel`
    /// is given; a running generator's frame record where it has none), `f_locals`, function, code, the locals by name and the value stack. A frame
    /// that is not `running` lists its slots up to its stack pointer, as its traverse does; a
    /// running one lists every local, and its stack only where the pointer was saved.
    func interpreterFrameReferences(
        _ iframe: UInt64,
        frameLabel: String?,
        codeLabel: String,
        running: Bool,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        if let frameLabel {
            // A generator running on a thread without a frame object: its frame is recorded at
            // the interpreter frame's own address.
            let object = try field(iframe, "_PyInterpreterFrame.frame_obj")
            append(object == 0 && interpreterFrames.contains(iframe) ? iframe : object, frameLabel, to: &out)
        }
        append(try field(iframe, "_PyInterpreterFrame.f_locals"), ".f_locals", to: &out)
        let function = layout.optional("_PyInterpreterFrame.f_func") != nil ? "f_func" : "f_funcobj"
        append(try field(iframe, "_PyInterpreterFrame.\(function)"), "", to: &out)
        let code = try interpreterFrameCode(iframe)
        append(code, codeLabel, to: &out)
        let names = try localNames(code)
        let top = Int(try memory.load(iframe &+ UInt64(layout["_PyInterpreterFrame.stacktop"]), as: Int32.self))
        let locals = iframe &+ UInt64(layout["_PyInterpreterFrame.localsplus"])
        try appendLocals(locals, names: names, count: running ? names.count : min(names.count, max(top, 0)), into: &out)
        guard top > names.count else { return }
        guard top < 1 << 20 else { throw HeapReaderError(.inconsistent, "A frame's stack has \(top) items.") }
        for i in names.count..<top { append(try memory.word(locals &+ UInt64(i) * pointerSize), "", to: &out) }
    }

    /// The code object a 3.11+ interpreter frame runs (`f_code`, 3.13's `f_executable`).
    func interpreterFrameCode(_ iframe: UInt64) throws(HeapReaderError) -> UInt64 {
        let name = layout.optional("_PyInterpreterFrame.f_code") != nil ? "f_code" : "f_executable"
        let code = try field(iframe, "_PyInterpreterFrame.\(name)")
        guard code != 0, try field(code, "PyObject.ob_type") == builtin("PyCode_Type") else {
            throw HeapReaderError(.inconsistent, "An interpreter frame at 0x\(String(iframe, radix: 16)) runs no code.")
        }
        return code
    }

    /// `_PyFrame_IsIncomplete`: a frame of the C stack (3.12+), or one not yet past its first
    /// traceable instruction (its cells and generator are being made); never a generator's.
    func interpreterFrameIsIncomplete(_ iframe: UInt64) throws(HeapReaderError) -> Bool {
        let owner = Int(try memory.load(iframe &+ UInt64(layout["_PyInterpreterFrame.owner"]), as: Int8.self))
        if let cstack = layout.optional("FRAME_OWNED_BY_CSTACK"), owner == cstack { return true }
        if owner == layout["FRAME_OWNED_BY_GENERATOR"] { return false }
        let code = try interpreterFrameCode(iframe)
        let first = Int(try memory.load(code &+ UInt64(layout["PyCodeObject._co_firsttraceable"]), as: Int32.self))
        return try instructionIndex(iframe, code: code) < first
    }

    /// The index (in code units) of the instruction a 3.11+ frame last ran (3.13: runs next),
    /// as `_PyInterpreterFrame_LASTI`.
    private func instructionIndex(_ iframe: UInt64, code: UInt64) throws(HeapReaderError) -> Int {
        let name = layout.optional("_PyInterpreterFrame.prev_instr") != nil ? "prev_instr" : "instr_ptr"
        let instruction = try field(iframe, "_PyInterpreterFrame.\(name)")
        let start = code &+ UInt64(layout["PyCodeObject.co_code_adaptive"])
        return Int(Int64(bitPattern: instruction &- start)) / 2
    }

    /// The line a 3.11+ interpreter frame is at, as `PyUnstable_InterpreterFrame_GetLine`.
    private func interpreterFrameLine(_ iframe: UInt64, code: UInt64) throws(HeapReaderError) -> Int {
        try codeLine(code, address: try instructionIndex(iframe, code: code) * 2)
    }

    /// `PyCode_Addr2Line`: the line of the instruction at byte offset `address` of `code`.
    func codeLine(_ code: UInt64, address: Int) throws(HeapReaderError) -> Int {
        let first = Int(try memory.load(code &+ UInt64(layout["PyCodeObject.co_firstlineno"]), as: Int32.self))
        let field = layout.minor < 10 ? "PyCodeObject.co_lnotab" : "PyCodeObject.co_linetable"
        let table = try bytesContents(try self.field(code, field))
        let format: LineTable.Format = layout.minor < 10 ? .lnotab : layout.minor == 10 ? .linetable310 : .locations
        return LineTable.line(table, format: format, firstLine: first, address: address)
    }

    /// The contents of a `bytes` object (at most 1 MiB).
    private func bytesContents(_ object: UInt64) throws(HeapReaderError) -> [UInt8] {
        let length = Int(try memory.signedWord(object &+ UInt64(layout["PyVarObject.ob_size"])))
        guard length >= 0, length <= 1 << 20 else {
            throw HeapReaderError(.inconsistent, "A line table of \(length) bytes.")
        }
        return try memory.bytes(object &+ UInt64(layout["PyBytesObject.ob_sval"]), count: length)
    }

    /// The agent's frame label: `file.py:12 in name` (line 0 where the frame has none).
    private func frameLabel(code: UInt64, line: Int) throws(HeapReaderError) -> String {
        let name = (try? string(try field(code, "PyCodeObject.co_name"))) ?? ""
        let file = (try? string(try field(code, "PyCodeObject.co_filename"))) ?? ""
        let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
        return "\(base):\(max(line, 0)) in \(name.prefix(80))"
    }

    /// The names of a code object's local slots, in slot order: 3.11+ `co_localsplusnames`
    /// with the cell and free kinds of `co_localspluskinds`; 3.8-3.10 `co_varnames` (its first
    /// `co_nlocals`), then `co_cellvars` and `co_freevars`. Cached by code object.
    func localNames(_ code: UInt64) throws(HeapReaderError) -> [LocalName] {
        if let known = localNameCache[code] { return known }
        var names: [LocalName] = []
        if layout.minor >= 11 {
            let count = Int(try memory.load(code &+ UInt64(layout["PyCodeObject.co_nlocalsplus"]), as: Int32.self))
            let all = try tupleItems(try field(code, "PyCodeObject.co_localsplusnames"))
            let kinds = try bytesContents(try field(code, "PyCodeObject.co_localspluskinds"))
            guard count >= 0, count <= all.count, count <= kinds.count else {
                throw HeapReaderError(.inconsistent, "A code object has \(count) locals and \(all.count) names.")
            }
            let cell = layout["CO_FAST_CELL"] | layout["CO_FAST_FREE"]
            for i in 0..<count {
                names.append(localName(try localLabel(all[i]), cellKind: Int(kinds[i]) & cell != 0))
            }
        } else {
            let count = Int(try memory.load(code &+ UInt64(layout["PyCodeObject.co_nlocals"]), as: Int32.self))
            let variables = try tupleItems(try field(code, "PyCodeObject.co_varnames"))
            guard count >= 0, count <= variables.count else {
                throw HeapReaderError(.inconsistent, "A code object has \(count) locals and \(variables.count) names.")
            }
            for name in variables.prefix(count) {
                names.append(localName(try localLabel(name), cellKind: false))
            }
            for tuple in ["PyCodeObject.co_cellvars", "PyCodeObject.co_freevars"] {
                for name in try tupleItems(try field(code, tuple)) {
                    names.append(localName(try localLabel(name), cellKind: true))
                }
            }
        }
        localNameCache[code] = names
        return names
    }

    /// `f_locals['name']`, as the agent's local label maker writes it (the first 40 characters).
    private func localLabel(_ name: UInt64) throws(HeapReaderError) -> String {
        let (codePoints, _) = try stringPrefix(name, limit: 40)
        return "f_locals[" + PythonRepr.string(codePoints) + "]"
    }

    /// The items of a tuple.
    private func tupleItems(_ tuple: UInt64) throws(HeapReaderError) -> [UInt64] {
        let count = Int(try memory.signedWord(tuple &+ UInt64(layout["PyVarObject.ob_size"])))
        guard count >= 0, count < 1 << 20 else { throw HeapReaderError(.inconsistent, "A tuple has \(count) items.") }
        let items = tuple &+ UInt64(layout["PyTupleObject.ob_item"])
        var out: [UInt64] = []
        for i in 0..<count { out.append(try memory.word(items &+ UInt64(i) * pointerSize)) }
        return out
    }

    /// The first `count` local slots at `locals`, each named; a cell in a cell or free slot
    /// is named `f_locals['x'] (cell)`.
    private func appendLocals(
        _ locals: UInt64,
        names: [LocalName],
        count: Int,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        let cellType = builtin("PyCell_Type")
        for i in 0..<count {
            let value = try memory.word(locals &+ UInt64(i) * pointerSize)
            guard value != 0 else { continue }
            let name = names[i]
            let isCell = name.cellKind ? try field(value, "PyObject.ob_type") == cellType : false
            out.append((value, isCell ? name.cellLabel : name.label))
        }
    }

    /// Appends a reference to `target` named `label` unless `target` is NULL.
    func append(_ target: UInt64, _ label: String, to out: inout [(target: UInt64, label: UInt32)]) {
        if target != 0 { out.append((target, self.label(label))) }
    }
}
