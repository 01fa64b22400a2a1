import Foundation
import HeapGraph
import TestSupport
import Testing

/// Reading from disk: a regular file is read column by column with pread(2), which must give
/// exactly what decoding the same bytes in memory gives; anything else is refused.
@Suite struct SnapshotFileReadingTests {
    @Test(arguments: 1...8) func randomSnapshotReadFromAFileEqualsItsDecodedBytes(seed: Int) throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/random.rgs"
        let snapshot = SampleSnapshots.random(
            seed: UInt64(seed) &* 104_729,
            objectCount: 200 * seed,
            edgeCount: 700 * seed
        )
        try SnapshotFile.write(snapshot, to: path)
        #expect(try SnapshotFile.read(from: path) == snapshot)
        #expect(try SnapshotFile.read(from: path) == SnapshotFile.decode(SnapshotFile.encode(snapshot)))
    }

    @Test func everyTruncatedFileOnDiskIsRefusedAsInMemory() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/cut.rgs"
        let bytes = SnapshotFile.encode(SampleSnapshots.tinyHeap())
        for length in stride(from: 0, to: bytes.count, by: 7) {
            let prefix = Array(bytes[0..<length])
            try Data(prefix).write(to: URL(fileURLWithPath: path))
            var fromDisk: SnapshotFileError?
            var inMemory: SnapshotFileError?
            do { _ = try SnapshotFile.read(from: path) } catch { fromDisk = error }
            do { _ = try SnapshotFile.decode(prefix) } catch { inMemory = error }
            #expect(fromDisk?.reason == inMemory?.reason, "prefix of \(length) bytes")
            #expect(fromDisk?.path == path)
        }
    }

    /// Opening a FIFO that no one writes to blocks for ever, and one that someone writes to
    /// could hold anything: only regular files are read, and the refusal comes at once.
    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        do {
            _ = try SnapshotFile.read(from: path)
            Issue.record("reading a FIFO succeeded")
        } catch {
            #expect(
                error.description
                    == "'\(path)' is a FIFO (named pipe), not a snapshot file: name a file written by refgraph or refgraph_agent."
            )
        }
    }
}
