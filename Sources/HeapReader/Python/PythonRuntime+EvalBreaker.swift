extension PythonRuntime {
    /// Where the main interpreter keeps its eval breaker on 3.9 to 3.12; nil on other versions.
    ///
    /// There `Py_AddPendingCall` made from a thread other than the main one records the call
    /// but computes the breaker for the calling thread, which may not run pending calls, so
    /// the breaker stays unset: a main thread busy in Python, which never waits for the GIL,
    /// then never looks at its pending calls. Setting the breaker makes it look. 3.8 sets it
    /// for any thread; 3.13 signals the main thread itself.
    public func pendingCallBreakerAddress(memory: MemorySource) throws(HeapReaderError) -> UInt64? {
        guard let offset = layout.optional("PyInterpreterState.ceval.eval_breaker") else { return nil }
        let main = try memory.word(runtimeAddress &+ UInt64(layout["_PyRuntimeState.interpreters.main"]))
        guard main != 0 else { return nil }
        return main &+ UInt64(offset)
    }
}
