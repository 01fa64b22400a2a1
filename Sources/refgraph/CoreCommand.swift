import ArgumentParser
import Foundation
import HeapGraph
import HeapReader
import PythonAgent

/// `refgraph core COREFILE`: snapshot the heap of a CPython process from its core file.
struct CoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "Snapshot the heap of a Python process from its core file.",
        discussion: """
            Reads the heap from a core file written by gdb's gcore or by the kernel, with the \
            reader that reads a running process from outside, and writes the snapshot an attach \
            would have written then. The executable and libpython must be where the core says \
            they were (or under --sysroot) and be the same builds: their build ids are compared \
            with the copies of their headers in the core. CPython 3.8 to 3.13.
            """
    )

    @Argument(help: ArgumentHelp("A core file of a CPython process.", valueName: "corefile"))
    var coreFile: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the snapshot (default: refgraph-core-PID-YYYYMMDD-HHMMSS.rgs, the core's pid and time, in the current folder).",
            valueName: "path"
        )
    )
    var snapshot: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder holding the files the core names at the same paths, for a core from another machine.",
            valueName: "dir"
        )
    )
    var sysroot: String?

    func validate() throws {
        guard !coreFile.isEmpty else { throw ValidationError("'<corefile>' must name a file.") }
        if let sysroot, sysroot.isEmpty { throw ValidationError("'--sysroot' must name a folder.") }
    }

    func run() throws {
        let started = Date()
        // A signal from here to the end of the write ends refgraph and removes the file.
        let signals = CaptureSignals.begin()
        defer { signals.end() }
        do {
            let core = try CoreFile(path: coreFile)
            let path =
                snapshot
                ?? SnapshotPaths.default(
                    forCore: core.pid,
                    at: Date(timeIntervalSince1970: core.modificationTime ?? started.timeIntervalSince1970)
                )
            let pending = try PendingSnapshotFile(path: path)
            signals.removeOnSignal(pending.temporaryPath)
            let root = sysroot.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
            let memory = CoreMemory(core: core, fileRoot: root)
            let heap = try HeapReader.snapshot(of: memory)
            try heap.withColumns { columns in Result { () throws(SnapshotFileError) in try pending.write(columns) } }
                .get()
            Console.error(Summaries.line(forCore: heap, path: path, seconds: Date().timeIntervalSince(started)))
            if !memory.unchecked.isEmpty {
                Console.error(
                    "refgraph: note: \(memory.unchecked.count) files the core names could not be checked against it (it holds no copy of their headers); `refgraph info \(path)` lists them."
                )
            }
            if !memory.unusable.isEmpty {
                Console.error(
                    "refgraph: note: \(memory.unusable.count) files the core names could not be used here; `refgraph info \(path)` lists them."
                )
            }
        } catch let error as HeapReaderError
            where (error.kind == .missingFile || error.kind == .differentFile) && sysroot == nil
        {
            throw QueryFailure(
                error.message
                    + " For a core from another machine, copy its files into a folder and give it with --sysroot."
            )
        }
    }
}
