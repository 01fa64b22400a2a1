import CProcessTrace
import Foundation

/// Holds every thread of a process still: each is seized with `PTRACE_SEIZE` and stopped with
/// `PTRACE_INTERRUPT` (no signal is sent, so the process sees nothing), and let go with
/// `PTRACE_DETACH` by `release()` or when the freeze is dropped. If refgraph dies, even by
/// SIGKILL, the kernel detaches its tracees and they run on (a test checks it on this kernel).
public final class ThreadFreeze {
    public let pid: Int32
    /// The threads held, with the signal each was stopped by that it must still receive.
    private var held: [(tid: Int32, pendingSignal: Int32)] = []

    /// Stops every thread of `pid`, including threads started while it stops the others.
    public init(pid: Int32) throws(HeapReaderError) {
        self.pid = pid
        do throws(HeapReaderError) {
            var known: Set<Int32> = []
            while true {
                let threads = try Self.threads(of: pid).filter { !known.contains($0) }
                if threads.isEmpty { break }
                for tid in threads {
                    known.insert(tid)
                    try hold(tid)
                }
            }
            guard !held.isEmpty else { throw HeapReaderError(.noSuchProcess, "Process \(pid) has no threads left.") }
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// The thread ids held.
    public var threads: [Int32] { held.map(\.tid) }

    /// Lets every thread run again; a second call does nothing.
    public func release() {
        for (tid, signal) in held.reversed() {
            _ = refgraph_ptrace_detach_signal(tid, signal)
        }
        held.removeAll()
    }

    private func hold(_ tid: Int32) throws(HeapReaderError) {
        if refgraph_ptrace_seize(tid) != 0 {
            let failure = errno
            if failure == ESRCH { return }  // the thread ended meanwhile
            if failure == EPERM {
                throw HeapReaderError(
                    .permissionDenied,
                    "ptrace of process \(pid) is not permitted: run refgraph as its owner with kernel.yama.ptrace_scope 0, or as root (in a container, --cap-add=SYS_PTRACE); a debugger already attached also prevents it."
                )
            }
            throw HeapReaderError(
                .permissionDenied,
                "PTRACE_SEIZE of thread \(tid) failed: \(String(cString: strerror(failure)))."
            )
        }
        held.append((tid, 0))
        guard refgraph_ptrace_interrupt(tid) == 0 else {
            if errno == ESRCH { return }
            throw HeapReaderError(
                .permissionDenied,
                "PTRACE_INTERRUPT of thread \(tid) failed: \(String(cString: strerror(errno)))."
            )
        }
        var status: Int32 = 0
        while true {
            let waited = refgraph_wait_thread(tid, &status)
            if waited == tid { break }
            if waited < 0 && errno == EINTR { continue }
            held.removeLast()  // gone (ECHILD): it exited before it stopped
            return
        }
        // A stop (status & 0x7f == 0x7f) with SIGTRAP and PTRACE_EVENT_STOP is the interrupt;
        // a stop by another signal is that signal arriving first: it is delivered at detach.
        if status & 0xFF == 0x7F {
            let signal = (status >> 8) & 0xFF
            let event = status >> 16
            if !(signal == SIGTRAP && event == 128) && signal != SIGSTOP && signal != SIGTSTP
                && signal != SIGTTIN && signal != SIGTTOU
            {
                held[held.count - 1].pendingSignal = signal
            }
        } else {
            held.removeLast()  // it exited
        }
    }

    /// The ids of the process's threads, from `/proc/PID/task`.
    static func threads(of pid: Int32) throws(HeapReaderError) -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else {
            throw HeapReaderError(.noSuchProcess, "No process \(pid).")
        }
        return names.compactMap { Int32($0) }.sorted()
    }
}
