import Glibc
import Synchronization

/// While a snapshot is captured and written, SIGINT, SIGTERM and SIGHUP end the process at
/// once and remove the snapshot's temporary file: Python's own SIGINT handler only sets a
/// flag, which nothing reads while the walk runs, and the default action of the others would
/// leave the temporary file behind. The process then dies of the signal, so the shell sees
/// the status it expects (128 + the signal's number). A signal whose disposition is "ignore"
/// (`nohup`) stays ignored. (`refgraph attach` relies on the same death to let its target go:
/// the kernel detaches every thread a dying tracer holds, and they run on.)
///
/// `begin()` installs the handlers before the temporary file exists; a signal that comes before
/// `removeOnSignal` names the file is kept and acted on there, so no file is ever left.
package final class CaptureSignals {
    private static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var previous: [(signal: Int32, action: sigaction)] = []

    /// Installs the handlers (one capture at a time: `refgraph run` holds the GIL throughout,
    /// `refgraph attach` and `refgraph core` capture once).
    package static func begin() -> CaptureSignals {
        let signals = CaptureSignals()
        // Both are first touched here, not in the handler (a static's first use runs its
        // initializer, which is not async-signal-safe).
        caughtSignal.store(0, ordering: .sequentiallyConsistent)
        temporaryPath.store(0, ordering: .sequentiallyConsistent)
        for signal in handled {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0, !Self.isIgnored(old) else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in CaptureSignals.caught(signal) }
            sigemptyset(&action.sa_mask)
            for other in handled { sigaddset(&action.sa_mask, other) }
            if sigaction(signal, &action, nil) == 0 { signals.previous.append((signal, old)) }
        }
        return signals
    }

    /// From now on a signal removes `path` before the process dies; a signal already caught
    /// does so now.
    package func removeOnSignal(_ path: String) {
        let copy = strdup(path)
        Self.temporaryPath.store(UInt(bitPattern: copy), ordering: .sequentiallyConsistent)
        let signal = Self.caughtSignal.load(ordering: .sequentiallyConsistent)
        if signal != 0 { Self.die(signal, removing: copy) }
    }

    /// Puts the previous handlers back; a signal caught before any file was named is raised
    /// again, to be handled as it would have been without the capture.
    package func end() {
        for (signal, action) in previous {
            var old = action
            sigaction(signal, &old, nil)
        }
        previous = []
        let path = UnsafeMutablePointer<CChar>(
            bitPattern: Self.temporaryPath.exchange(0, ordering: .sequentiallyConsistent)
        )
        let signal = Self.caughtSignal.exchange(0, ordering: .sequentiallyConsistent)
        if signal != 0 { raise(signal) }
        free(path)
    }

    private static let caughtSignal = Atomic<Int32>(0)
    /// The address of the temporary file's path as a C string (0: none yet).
    private static let temporaryPath = Atomic<UInt>(0)

    private static func isIgnored(_ action: sigaction) -> Bool {
        action.sa_flags & SA_SIGINFO == 0
            && unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// The handler: only async-signal-safe calls (unlink, signal, raise) and atomics.
    private static func caught(_ signal: Int32) {
        caughtSignal.store(signal, ordering: .sequentiallyConsistent)
        let path = temporaryPath.load(ordering: .sequentiallyConsistent)
        if path != 0 { die(signal, removing: UnsafeMutablePointer(bitPattern: path)) }
    }

    private static func die(_ signal: Int32, removing path: UnsafeMutablePointer<CChar>?) -> Never {
        if let path { unlink(path) }
        Glibc.signal(signal, SIG_DFL)
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, signal)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        raise(signal)
        _exit(128 + signal)
    }
}
