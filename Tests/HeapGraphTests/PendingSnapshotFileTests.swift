import Foundation
import HeapGraph
import Synchronization
import TestSupport
import Testing

/// The atomic snapshot writer when it readies page cache for the file on a helper thread
/// (`PendingSnapshotFile`'s `expectedBytes`): whatever it readied, the file holds exactly the
/// encoded bytes, and a file that is never written leaves nothing behind.
@Suite struct PendingSnapshotFileTests {
    private func write(_ snapshot: Snapshot, to path: String, expectedBytes: Int) throws {
        let file = try PendingSnapshotFile(path: path, expectedBytes: expectedBytes)
        let failure = snapshot.withColumns { columns -> SnapshotFileError? in
            do throws(SnapshotFileError) {
                try file.write(columns)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    @Test(arguments: [64 << 20, 4 << 20, 0])
    func theFileHoldsExactlyTheEncodedBytes(expectedBytes: Int) throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/heap.rgs"
        // About 30 MB: more than the smaller readied sizes, less than the larger.
        let snapshot = SampleSnapshots.random(seed: 7, objectCount: 400_000, edgeCount: 1_200_000)
        try write(snapshot, to: path, expectedBytes: expectedBytes)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect([UInt8](bytes) == SnapshotFile.encode(snapshot))
        #expect(try folder.holdsOnlyPrivateFile("heap.rgs"))
    }

    @Test func aFileNeverWrittenLeavesNothing() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/heap.rgs"
        do {
            let file = try PendingSnapshotFile(path: path, expectedBytes: 32 << 20)
            #expect(try folder.contents().count == 1)
            _ = file
        }
        #expect(try folder.contents() == [])

        let discarded = try PendingSnapshotFile(path: path, expectedBytes: 32 << 20)
        discarded.discard()
        #expect(try folder.contents() == [])
    }

    @Test func anUnwritableFolderIsRefusedBeforeAnythingIsWritten() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/missing/heap.rgs"
        #expect(
            throws: SnapshotFileError(
                path: path,
                reason: .system(writing: true, errno: ENOENT, message: "No such file or directory")
            )
        ) {
            _ = try PendingSnapshotFile(path: path, expectedBytes: 32 << 20)
        }
    }
}

@Suite struct HelperThreadTests {
    private final class Progress: Sendable {
        let steps = Atomic<Int>(0)
        let sawStop = Atomic<Bool>(false)
    }

    @Test func finishStopsTheWorkAndWaitsForIt() throws {
        let progress = Progress()
        let helper = try #require(
            HelperThread { stop in
                while !stop.isRequested {
                    progress.steps.add(1, ordering: .relaxed)
                    usleep(100)
                }
                progress.sawStop.store(true, ordering: .relaxed)
            }
        )
        while progress.steps.load(ordering: .relaxed) == 0 { usleep(100) }
        helper.finish()
        let sawStop = progress.sawStop.load(ordering: .relaxed)
        #expect(sawStop)
        let steps = progress.steps.load(ordering: .relaxed)
        helper.finish()
        let stepsAfter = progress.steps.load(ordering: .relaxed)
        #expect(stepsAfter == steps)
    }
}
