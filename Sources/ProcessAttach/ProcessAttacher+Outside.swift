import Foundation
import HeapGraph
import HeapReader

extension ProcessAttacher {
    /// Takes the snapshot from outside (`OutsideCapture`, the default of `refgraph attach`):
    /// the target's threads are held still while its memory is copied, then it runs on and the
    /// copy is walked; the target runs no code and allocates nothing. The destination is
    /// checked, and its temporary file made, before the target is touched; SIGINT, SIGTERM and
    /// SIGHUP end refgraph at once with the temporary file removed (the kernel lets the target
    /// go when its tracer dies, as it does on SIGKILL). `whileStopped` runs while every thread
    /// is held (a test widens that window with it).
    /// - Throws: `AttachError`, its message one line; nothing is left at `snapshotPath` then.
    public static func readFromOutside(
        pid: Int32,
        snapshotPath: String,
        timeout: Double,
        whileStopped: () -> Void = {}
    ) throws(AttachError) -> AttachSummary {
        let started = Date()
        let target = try TargetProcess.inspect(pid)
        try checkDestination(snapshotPath, pid: pid)
        let signals = CaptureSignals.begin()
        defer { signals.end() }
        let file: PendingSnapshotFile
        do {
            file = try PendingSnapshotFile(path: snapshotPath)
        } catch {
            throw AttachError(.snapshotWrite, "Cannot write the snapshot: \(error) Process \(pid) was not touched.")
        }
        signals.removeOnSignal(file.temporaryPath)
        let capture: OutsideCapture
        let written: Result<Void, SnapshotFileError>
        do {
            // The file is written from the walk's own columns; its page cache is readied on a
            // helper thread while the walk runs, once the heap's size is known.
            let warm = { (tracked: Int) in
                file.startWarming(bytes: PendingSnapshotFile.expectedBytes(trackedObjects: tracked))
            }
            (capture, written) = try OutsideCapture.take(
                pid: pid,
                deadline: started.addingTimeInterval(timeout),
                whileStopped: whileStopped,
                started: warm
            ) { columns in
                Result { () throws(SnapshotFileError) in try file.write(columns) }
            }
        } catch {
            throw describe(error, target: target, timeout: timeout)
        }
        if case let .failure(error) = written {
            throw AttachError(.snapshotWrite, "The snapshot of process \(pid) could not be written: \(error)")
        }
        return AttachSummary(
            path: snapshotPath,
            pythonVersion: capture.pythonVersion,
            objects: capture.objects,
            edges: capture.edges,
            totalBytes: capture.totalBytes,
            stoppedSeconds: capture.stoppedSeconds,
            totalSeconds: Date().timeIntervalSince(started)
        )
    }

    /// The one-line `AttachError` for a failed outside read.
    private static func describe(_ error: HeapReaderError, target: TargetProcess, timeout: Double) -> AttachError {
        let pid = target.pid
        switch error.kind {
        case .noSuchProcess:
            return AttachError(.targetExited, error.message)
        case .permissionDenied:
            if let tracer = TargetProcess.tracer(of: pid) { return TargetProcess.tracedError(pid, by: tracer) }
            return AttachError(
                .permissionDenied,
                "Cannot attach to process \(pid): ptrace is not allowed. " + TargetProcess.permissionAdvice(pid)
            )
        case .notPython:
            return AttachError(.notPython, error.message)
        case .unsupportedVersion:
            return AttachError(.unsupportedVersion, "Process \(pid): \(error.message)")
        case .timedOut:
            return AttachError(
                .timeout,
                "refgraph did not finish reading process \(pid) within \(secondsText(timeout)); the process runs "
                    + "on and nothing was written. Try a longer --timeout."
            )
        case .unreadable, .inconsistent, .badFile, .missingFile, .differentFile:
            return AttachError(
                .readFailed,
                "The heap of process \(pid) could not be read from outside: \(error.message) Nothing was written."
            )
        }
    }
}
