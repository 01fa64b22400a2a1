extension HeapReader {
    /// The references of a generator, coroutine or async generator in `gen_traverse`'s order
    /// (an async generator's finalizer first, as `async_gen_traverse`). 3.8-3.10: its frame
    /// object, code, names and saved exception. 3.11+: (3.11) its code, its names, the
    /// interpreter frame it embeds (until cleared: frame object, locals by name, stack, as
    /// `_PyFrame_Traverse`), and its saved exception. `prefix` is `.gi_`, `.cr_` or `.ag_`.
    func generatorReferences(
        _ address: UInt64,
        prefix: String,
        asynchronous: Bool,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        if asynchronous {
            let name = layout.minor >= 11 ? "ag_origin_or_finalizer" : "ag_finalizer"
            append(try field(address, "PyAsyncGenObject.\(name)"), "", to: &out)
        }
        let exception = address &+ UInt64(layout["PyGenObject.gi_exc_state"])
        if layout.minor < 11 {
            append(try field(address, "PyGenObject.gi_frame"), prefix + "frame", to: &out)
            append(try field(address, "PyGenObject.gi_code"), prefix + "code", to: &out)
            append(try field(address, "PyGenObject.gi_name"), ".__name__", to: &out)
            append(try field(address, "PyGenObject.gi_qualname"), ".__qualname__", to: &out)
            for name in ["exc_type", "exc_value", "exc_traceback"] {
                append(try memory.word(exception &+ UInt64(layout["_PyErr_StackItem.\(name)"])), "", to: &out)
            }
            return
        }
        if layout.optional("PyGenObject.gi_code") != nil {
            append(try field(address, "PyGenObject.gi_code"), prefix + "code", to: &out)
        }
        append(try field(address, "PyGenObject.gi_name"), ".__name__", to: &out)
        append(try field(address, "PyGenObject.gi_qualname"), ".__qualname__", to: &out)
        let state = try memory.load(address &+ UInt64(layout["PyGenObject.gi_frame_state"]), as: Int8.self)
        if Int(state) < layout["FRAME_CLEARED"] {
            try interpreterFrameReferences(
                address &+ UInt64(layout["PyGenObject.gi_iframe"]),
                frameLabel: prefix + "frame",
                codeLabel: prefix + "code",
                running: false,
                into: &out
            )
        }
        append(try memory.word(exception &+ UInt64(layout["_PyErr_StackItem.exc_value"])), "", to: &out)
    }

    /// 3.11+ `gen.__sizeof__` without the gc header: the object with its embedded frame's
    /// locals and stack (the code is 3.11's `gi_code`, later the frame's, kept when cleared).
    func generatorSize(_ address: UInt64, basicSize: Int) throws(HeapReaderError) -> UInt64 {
        let code =
            layout.optional("PyGenObject.gi_code") != nil
            ? try field(address, "PyGenObject.gi_code")
            : try interpreterFrameCode(address &+ UInt64(layout["PyGenObject.gi_iframe"]))
        return try frameSize(code: code, basicSize: basicSize)
    }
}
