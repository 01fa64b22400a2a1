import CPython
import Foundation
import HeapGraph

/// Captures the heap and writes it: the one path both `ScriptRunner` and
/// `refgraph_agent.snapshot` take.
enum SnapshotWriter {
    /// Walks the heap (GIL held) and writes the snapshot atomically to `path` (relative to
    /// the process's cwd), mode 0600, with the GIL released during the write. The summary names the file as `reportedPath` (the path
    /// as the user gave it; `path` by default).
    ///
    /// - Throws: `PythonAgentError` `.capture` if the walk fails, `.snapshotWrite` naming the
    ///   file if it cannot be written (nothing is left at `path` then).
    static func captureAndWrite(
        to path: String,
        reportedPath: String? = nil,
        collectFirst: Bool
    ) throws -> CaptureSummary {
        let start = Clock.seconds()
        var written = start
        var counts = (objects: 0, edges: 0, bytes: UInt64(0))
        var file: PendingSnapshotFile?
        // A signal from here to the end of the write ends the process and removes the file.
        let signals = CaptureSignals.begin()
        defer { signals.end() }
        let started = { (tracked: Int) throws -> Void in
            do throws(SnapshotFileError) {
                let pending = try PendingSnapshotFile(
                    path: path,
                    expectedBytes: PendingSnapshotFile.expectedBytes(trackedObjects: tracked)
                )
                signals.removeOnSignal(pending.temporaryPath)
                file = pending
            } catch {
                throw writeError(error)
            }
        }
        let failure: SnapshotFileError? = try HeapWalker.withCapture(collectFirst: collectFirst, started: started) {
            columns -> SnapshotFileError? in
            guard let file else { preconditionFailure("withCapture calls started before body") }
            written = Clock.seconds()
            counts = (columns.objectCount, columns.edgeCount, columns.totalSize)
            // The columns are plain memory now, a copy of the heap at one instant: the file is
            // written with the GIL released, so the process's other threads run during the
            // write and are stopped only for the walk.
            let thread = PyEval_SaveThread()
            defer { PyEval_RestoreThread(thread) }
            do throws(SnapshotFileError) {
                try file.write(columns)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw writeError(failure) }
        let end = Clock.seconds()
        return CaptureSummary(
            path: reportedPath ?? path,
            objects: counts.objects,
            edges: counts.edges,
            totalBytes: counts.bytes,
            seconds: end - start,
            writeSeconds: end - written
        )
    }
}

extension SnapshotWriter {
    /// Refuses, before any work, a `path` that is not a regular file (a device, a FIFO, ...),
    /// which the write would replace; the error names it as `reportedPath`.
    /// - Throws: `PythonAgentError` `.snapshotWrite`.
    static func checkDestination(_ path: String, reportedPath: String) throws {
        do throws(SnapshotFileError) {
            try PendingSnapshotFile.checkDestination(path)
        } catch {
            throw writeError(SnapshotFileError(path: reportedPath, reason: error.reason))
        }
    }

    private static func writeError(_ error: SnapshotFileError) -> PythonAgentError {
        PythonAgentError(
            .snapshotWrite,
            PythonAgentError.sentence("The snapshot could not be written: \(error.description)")
        )
    }
}

/// Monotonic and wall-clock seconds.
enum Clock {
    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func wallSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
