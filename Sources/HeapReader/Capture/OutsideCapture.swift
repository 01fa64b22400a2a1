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

    /// The heap.
    public var snapshot: Snapshot
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

    /// Takes the snapshot of process `pid`. The runtime is found before any thread is stopped
    /// (a process that is not CPython, or of a version outside 3.8-3.13, is refused untouched);
    /// every thread is let go on every path out, errors included, and if refgraph dies the
    /// kernel lets them go. `whileStopped` runs once every thread is held (a test widens the
    /// window with it). Reads stop at `deadline`.
    /// - Throws: `HeapReaderError`, its message one line: `.noSuchProcess` also when the target
    ///   exits during the read, `.timedOut` past `deadline`.
    public static func take(
        pid: Int32,
        method: Method = .copyThenWalk,
        deadline: Date = .distantFuture,
        whileStopped: () -> Void = {}
    ) throws(HeapReaderError) -> OutsideCapture {
        let started = Date()
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
        let bounded = DeadlineMemory(source, deadline: deadline)
        let reader = HeapReader(runtime: runtime, memory: bounded)
        let snapshot: Snapshot
        do throws(HeapReaderError) {
            snapshot = try reader.snapshot()
        } catch {
            throw bounded.timedOut ? timedOut(pid) : error.kind == .unreadable && !isAlive(pid) ? exited(pid) : error
        }
        if method == .readWhileStopped {
            freeze.release()
            stoppedSeconds = Date().timeIntervalSince(stopped)
        }
        if bounded.timedOut { throw timedOut(pid) }
        // Objects the walk skipped because the process vanished under it are not a heap caught
        // changing: the snapshot would be a fragment.
        if !reader.skipped.isEmpty && !isAlive(pid) { throw exited(pid) }
        return OutsideCapture(
            snapshot: snapshot,
            pythonVersion: runtime.layout.version,
            stoppedSeconds: stoppedSeconds,
            totalSeconds: Date().timeIntervalSince(started),
            threads: threads,
            copiedBytes: copied,
            systemCalls: memory.systemCalls
        )
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
