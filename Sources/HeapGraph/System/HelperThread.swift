import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of work on a thread of its own, which its owner can ask to stop and then wait
/// for: the capture uses one to take the kernel's cost of fresh pages on the machine's other
/// core while the heap walk runs (`PageCacheWarmer`, the walker's prefaulting).
package final class HelperThread {
    /// Whether the owner asked the work to stop; the work checks it between its steps.
    package final class Stop: Sendable {
        private let flag = Atomic<Bool>(false)

        package var isRequested: Bool { flag.load(ordering: .relaxed) }

        func request() { flag.store(true, ordering: .relaxed) }
    }

    private final class Job: Sendable {
        let work: @Sendable (Stop) -> Void
        let stop = Stop()

        init(_ work: @escaping @Sendable (Stop) -> Void) { self.work = work }
    }

    private let job: Job
    private let thread: pthread_t
    private var joined = false

    /// Starts `work` on a new thread, or returns nil if no thread can be started.
    package init?(_ work: @escaping @Sendable (Stop) -> Void) {
        let job = Job(work)
        let context = Unmanaged.passRetained(job).toOpaque()
        #if canImport(Darwin)
        var created: pthread_t?
        #else
        var created = pthread_t()
        #endif
        let status = pthread_create(
            &created,
            nil,
            { raw in
                guard let raw else { return nil }
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                job.work(job.stop)
                return nil
            },
            context
        )
        #if canImport(Darwin)
        guard status == 0, let thread = created else {
            Unmanaged<Job>.fromOpaque(context).release()
            return nil
        }
        #else
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return nil
        }
        let thread = created
        #endif
        self.job = job
        self.thread = thread
    }

    deinit { finish() }

    /// Asks the work to stop and waits for its thread to end (once; later calls return).
    package func finish() {
        guard !joined else { return }
        joined = true
        job.stop.request()
        pthread_join(thread, nil)
    }
}
