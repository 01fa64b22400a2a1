import HeapGraph

extension HeapReader {
    /// The snapshot of the process in `memory.core`, as an attach to it would have written it
    /// when the core was taken. The executable and libpython must be on this machine at the
    /// paths the core names (under `memory.fileRoot` if given) and be the builds the process
    /// ran, where the core's copies of their ELF headers can tell.
    ///
    /// The metadata says the snapshot was read from a core file; its time is the core's
    /// modification time, and RSS is unknown. Files read without a check (no copy of their
    /// header in the core), and files that are missing or another build, are listed under the
    /// limitations (and in `memory.unchecked` and `memory.unusable`).
    /// - Throws: one line: the executable or libpython missing or another build; not CPython;
    ///   a version outside 3.8 to 3.13.
    public static func snapshot(of memory: CoreMemory) throws(HeapReaderError) -> Snapshot {
        let core = memory.core
        let image = ProcessImage.core(core, fileRoot: memory.fileRoot)
        guard image.executable != nil else {
            throw HeapReaderError(.badFile, "The core file \(core.path) does not say which executable the process ran.")
        }
        for file in image.interpreterFiles { try memory.check(file) }
        let runtime = try PythonRuntime(image: image, memory: memory)
        var snapshot = try HeapReader(runtime: runtime, memory: memory).snapshot()
        if let written = core.modificationTime { snapshot.metadata.time = written }
        if !memory.unchecked.isEmpty {
            let files = memory.unchecked.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
            snapshot.metadata.limitations.append(
                "Read from files on this machine that could not be checked against the core: "
                    + files.joined(separator: ", ") + "."
            )
        }
        if !memory.unusable.isEmpty {
            snapshot.metadata.limitations.append(
                "Files the core names that could not be used here (what the core left out of them, such as the names of their types, is unknown): "
                    + memory.unusable.keys.sorted().joined(separator: ", ") + "."
            )
        }
        return snapshot
    }
}
