import Foundation
import HeapGraph

/// A snapshot of a live CPython process read from outside: the target runs no code of
/// refgraph's and allocates nothing. Its threads are held still (`ThreadFreeze`) only while
/// its memory is copied (`MemoryCopy`); then it runs on and the copy is walked
/// (`HeapReader`). docs/attach.md gives the measurements behind this choice.
public struct OutsideCapture {
    /// How the target is held still while its heap is read.
    public enum Method: Sendable {
        /// Stop every thread, copy the writable memory, let the process go, walk the copy:
        /// the target stops for the copy only.
        case copyThenWalk
        /// Stop every thread and walk the live memory, then let it go: no copy, but the target
        /// stops for the whole walk (kept to measure against).
        case readWhileStopped
    }

    /// Objects and references read, and the sum of the objects' sizes.
    public var objects: Int
    public var edges: Int
    public var totalBytes: UInt64
    /// The target's CPython version, `"3.12"`.
    public var pythonVersion: String
    /// Seconds from the first thread stopped to the last released.
    public var stoppedSeconds: Double
    /// Seconds from the start (the runtime looked up) to the snapshot built.
    public var totalSeconds: Double
    /// Threads held.
    public var threads: Int
    /// Bytes copied while the target was stopped (0 when read while stopped).
    public var copiedBytes: UInt64
    /// System calls that read the target's memory.
    public var systemCalls: Int

    /// Takes the snapshot of process `pid` and lends it to `body` as columns (valid until `body`
    /// returns: a snapshot written straight to a file needs no copy of them). The runtime is
    /// found before any thread is stopped (a process that is not CPython, or of a version
    /// outside 3.8-3.13, is refused untouched); every thread is let go on every path out,
    /// errors included, and if refgraph dies the kernel lets them go. `whileStopped` runs once
    /// every thread is held (a test widens the window with it); `started` is told the number of
    /// gc-tracked objects before the walk proper. Reads stop at `deadline`.
    /// - Throws: `HeapReaderError`, its message one line: `.noSuchProcess` also when the target
    ///   exits during the read, `.timedOut` past `deadline`. `body` is not called then.
    public static func take<Result>(
        pid: Int32,
        method: Method = .copyThenWalk,
        deadline: Date = .distantFuture,
        whileStopped: () -> Void = {},
        started: (Int) -> Void = { _ in },
        _ body: (SnapshotColumns) -> Result
    ) throws(HeapReaderError) -> (capture: OutsideCapture, result: Result) {
        let startTime = Date()
        let memory = ProcessMemory(pid: pid)
        let runtime = try PythonRuntime(pid: pid, memory: memory)
        let stopped = Date()
        let freeze = try ThreadFreeze(pid: pid)
        defer { freeze.release() }
        whileStopped()
        let threads = freeze.threads.count
        let source: MemorySource
        var copied: UInt64 = 0
        switch method {
        case .copyThenWalk:
            guard let map = try? MemoryMap(pid: pid) else { throw exited(pid) }
            let image = MemoryCopy(of: memory, map: map)
            freeze.release()
            memory.forget()
            copied = image.copiedBytes
            guard copied > 0 else { throw exited(pid) }
            source = image
        case .readWhileStopped:
            source = memory
        }
        var stoppedSeconds = Date().timeIntervalSince(stopped)
        let reader = HeapReader(runtime: runtime, memory: source)
        reader.deadline = deadline
        var capture: OutsideCapture?
        var result: Result?
        do throws(HeapReaderError) {
            try reader.withSnapshot(started: started) { columns in
                if method == .readWhileStopped {
                    freeze.release()
                    stoppedSeconds = Date().timeIntervalSince(stopped)
                }
                // Objects the walk skipped because the process vanished under it are not a heap
                // caught changing: the snapshot would be a fragment.
                if !reader.skipped.isEmpty && !isAlive(pid) { return }
                capture = OutsideCapture(
                    objects: columns.objectCount,
                    edges: columns.edgeCount,
                    totalBytes: columns.totalSize,
                    pythonVersion: runtime.layout.version,
                    stoppedSeconds: stoppedSeconds,
                    totalSeconds: Date().timeIntervalSince(startTime),
                    threads: threads,
                    copiedBytes: copied,
                    systemCalls: memory.systemCalls
                )
                result = body(columns)
            }
        } catch {
            throw reader.timedOut ? timedOut(pid) : error.kind == .unreadable && !isAlive(pid) ? exited(pid) : error
        }
        guard let capture, let result else { throw exited(pid) }
        return (capture, result)
    }

    private static func exited(_ pid: Int32) -> HeapReaderError {
        HeapReaderError(.noSuchProcess, "Process \(pid) exited while refgraph read it; nothing was written.")
    }

    private static func timedOut(_ pid: Int32) -> HeapReaderError {
        HeapReaderError(.timedOut, "The read of process \(pid) did not finish in time; nothing was written.")
    }

    /// Whether `pid` still exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return false }
        let state = text[close...].dropFirst(2).first
        return state != "Z" && state != "X"
    }
}
