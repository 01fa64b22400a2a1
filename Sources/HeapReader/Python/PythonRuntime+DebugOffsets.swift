extension PythonRuntime {
    /// One field of 3.13's `_Py_DebugOffsets`, read from the target, beside the generated
    /// entry it should equal.
    public struct DebugOffsetCheck: Sendable, Equatable {
        /// The debug offsets' field, `interpreter_state.threads_head`.
        public var field: String
        /// The generated layout's entry it stands for, `PyInterpreterState.threads.head`.
        public var entry: String
        /// What the target says.
        public var target: UInt64
        /// What the generated layout says.
        public var generated: Int

        public var agrees: Bool { target == UInt64(generated) }
    }

    /// 3.13's `_Py_DebugOffsets` (the start of `_PyRuntime`), compared field by field with the
    /// generated layout; empty before 3.13. Throws if the cookie is not `xdebugpy`.
    public func debugOffsetChecks(memory: MemorySource) throws(HeapReaderError) -> [DebugOffsetCheck] {
        guard let base = layout.optional("_PyRuntimeState.debug_offsets") else { return [] }
        let cookie = try memory.bytes(runtimeAddress + UInt64(base), count: 8)
        guard cookie == Array("xdebugpy".utf8) else {
            throw HeapReaderError(.inconsistent, "_PyRuntime of process \(pid) does not start with the debug cookie.")
        }
        var checks: [DebugOffsetCheck] = []
        for (name, offset) in layout.allEntries where name.hasPrefix("debug:") {
            let pair = name.dropFirst("debug:".count).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let generated = layout.optional(String(pair[1])) else { continue }
            let value = try memory.word(runtimeAddress + UInt64(base + offset))
            checks.append(
                DebugOffsetCheck(field: String(pair[0]), entry: String(pair[1]), target: value, generated: generated)
            )
        }
        return checks.sorted { $0.field < $1.field }
    }
}
