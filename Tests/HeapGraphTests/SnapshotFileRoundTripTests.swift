import Foundation
import HeapGraph
import TestSupport
import Testing

@Suite struct SnapshotFileRoundTripTests {
    @Test func tinyHeapSurvivesEncodeAndDecode() throws {
        let snapshot = SampleSnapshots.tinyHeap()
        let bytes = SnapshotFile.encode(snapshot)
        #expect(try SnapshotFile.decode(bytes) == snapshot)
        #expect(bytes.count % 8 == 0)
    }

    @Test func tinyHeapKeepsEveryFlagAndRootKind() throws {
        let decoded = try SnapshotFile.decode(SnapshotFile.encode(SampleSnapshots.tinyHeap()))
        let allFlags = decoded.flags.reduce(0, |)
        #expect(allFlags == 0x1FF)
        #expect(decoded.roots.map(\.kind) == [.module, .threadFrame, .heldFromOutside])
        #expect(decoded.roots.map(\.detail) == [0, 140_001, 2])
        #expect(decoded.strings[decoded.roots[1].name] == "MainThread")
        #expect(decoded.types[3] == TypeInfo(module: "__main__", name: "Node", object: ObjectID(2)))
        #expect(decoded.label(of: ObjectID(6)) == "service.py:12 in serve")
        #expect(decoded.metadata.argv?.last == "naïve \"quoted\"\n")
    }

    @Test func emptySnapshotSurvives() throws {
        let snapshot = SnapshotBuilder(metadata: SampleSnapshots.documentExample().metadata).build()
        #expect(snapshot.objectCount == 0)
        #expect(try SnapshotFile.decode(SnapshotFile.encode(snapshot)) == snapshot)
    }

    @Test func infiniteTimesSurvive() throws {
        var snapshot = SampleSnapshots.documentExample()
        snapshot.metadata.time = -.infinity
        snapshot.metadata.captureSeconds = .infinity
        #expect(try SnapshotFile.decode(SnapshotFile.encode(snapshot)) == snapshot)
    }

    @Test(arguments: 1...24) func randomSnapshotSurvives(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let objects = Int(rng.next() % 300)
        let edges = Int(rng.next() % 900)
        let snapshot = SampleSnapshots.random(seed: UInt64(seed), objectCount: objects, edgeCount: edges)
        let bytes = SnapshotFile.encode(snapshot)
        #expect(try SnapshotFile.decode(bytes) == snapshot)
        #expect(SnapshotFile.encode(try SnapshotFile.decode(bytes)) == bytes)
    }

    @Test func encodingIsDeterministic() {
        #expect(SnapshotFile.encode(SampleSnapshots.tinyHeap()) == SnapshotFile.encode(SampleSnapshots.tinyHeap()))
    }

    @Test func writeThenReadGivesTheSameSnapshotInAPrivateFile() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/heap.rgs"
        let snapshot = SampleSnapshots.tinyHeap()
        try SnapshotFile.write(snapshot, to: path)
        #expect(try SnapshotFile.read(from: path) == snapshot)
        #expect(try folder.holdsOnlyPrivateFile("heap.rgs"))
    }

    /// A file of several write chunks (8 MiB each, the kernel asked to write each back as it
    /// goes) has the same bytes as the encoding in memory.
    @Test func aFileOfManyWriteChunksHasTheEncodedBytes() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/big.rgs"
        let snapshot = SampleSnapshots.random(seed: 99, objectCount: 400_000, edgeCount: 1_200_000)
        try SnapshotFile.write(snapshot, to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.count > 3 * (8 << 20))
        #expect([UInt8](bytes) == SnapshotFile.encode(snapshot))
    }

    @Test func writeReplacesAnExistingFile() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/heap.rgs"
        try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: path)
        try SnapshotFile.write(SampleSnapshots.documentExample(), to: path)
        #expect(try SnapshotFile.read(from: path) == SampleSnapshots.documentExample())
        #expect(try folder.contents() == ["heap.rgs"])
    }

    @Test func relativePathsWork() throws {
        let folder = try SnapshotFileTestFolder()
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + folder.path.dropFirst() + "/rel.rgs"
        try SnapshotFile.write(SampleSnapshots.documentExample(), to: relative)
        #expect(try SnapshotFile.read(from: folder.path + "/rel.rgs") == SampleSnapshots.documentExample())
        #expect(try SnapshotFile.read(from: relative) == SampleSnapshots.documentExample())
    }

    @Test func writingIntoAMissingFolderFailsAndLeavesNothing() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/missing/heap.rgs"
        #expect(
            throws: SnapshotFileError(
                path: path,
                reason: .system(writing: true, errno: ENOENT, message: "No such file or directory")
            )
        ) {
            try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: path)
        }
        #expect(try folder.contents() == [])
    }

    @Test func writingUnderAFileFailsWithItsMessage() throws {
        let folder = try SnapshotFileTestFolder()
        try SnapshotFile.write(SampleSnapshots.documentExample(), to: folder.path + "/plain")
        let path = folder.path + "/plain/heap.rgs"
        do {
            try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: path)
            Issue.record("writing under a regular file succeeded")
        } catch {
            #expect(error.description == "cannot write '\(path)': Not a directory.")
        }
        #expect(try folder.contents() == ["plain"])
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/taken"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        do {
            try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: path)
            Issue.record("renaming over a non-empty folder succeeded")
        } catch {
            #expect(error.path == path)
            guard case .system(writing: true, _, _) = error.reason else {
                Issue.record("unexpected reason \(error.reason)")
                return
            }
        }
        #expect(try folder.contents() == ["taken"])
    }

    @Test(.enabled(if: geteuid() != 0, "root may write anywhere"))
    func writingIntoAReadOnlyFolderFailsAndLeavesNothing() throws {
        let folder = try SnapshotFileTestFolder()
        let locked = folder.path + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        chmod(locked, 0o500)
        defer { chmod(locked, 0o700) }
        #expect(
            throws: SnapshotFileError(
                path: locked + "/heap.rgs",
                reason: .system(writing: true, errno: EACCES, message: "Permission denied")
            )
        ) {
            try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: locked + "/heap.rgs")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked) == [])
    }

    @Test func readingAMissingFileNamesIt() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/absent.rgs"
        do {
            _ = try SnapshotFile.read(from: path)
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(error.description == "cannot read '\(path)': No such file or directory.")
        }
    }

    @Test func readingAFolderFails() throws {
        let folder = try SnapshotFileTestFolder()
        do {
            _ = try SnapshotFile.read(from: folder.path)
            Issue.record("reading a folder succeeded")
        } catch {
            #expect(
                error.description
                    == "'\(folder.path)' is a directory, not a snapshot file: name a file written by refgraph or refgraph_agent."
            )
        }
    }

    /// /dev/zero would be read forever, growing memory without bound: devices are refused
    /// before anything is read.
    @Test func readingADeviceFailsAtOnce() {
        for device in ["/dev/zero", "/dev/null"] {
            do {
                _ = try SnapshotFile.read(from: device)
                Issue.record("reading \(device) succeeded")
            } catch {
                #expect(error.reason == .notAFile(kind: "a character device"), "\(error)")
            }
        }
    }

    @Test func anEmptyFileIsCalledEmpty() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/empty.rgs"
        try Data().write(to: URL(fileURLWithPath: path))
        do {
            _ = try SnapshotFile.read(from: path)
            Issue.record("reading an empty file succeeded")
        } catch {
            #expect(error.description == "'\(path)' is empty, not a refgraph snapshot.")
        }
    }

    @Test func readErrorsNameTheFile() throws {
        let folder = try SnapshotFileTestFolder()
        let path = folder.path + "/notes.txt"
        try Data("just some text\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SnapshotFile.read(from: path)
            Issue.record("reading a text file succeeded")
        } catch {
            #expect(error.description == "'\(path)' is not a refgraph snapshot (wrong magic bytes).")
        }
    }
}

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class SnapshotFileTestFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("refgraph-snapshotfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// The names in the folder, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Whether the folder holds `name` and nothing else, with mode 0600 (a heap holds secrets).
    func holdsOnlyPrivateFile(_ name: String) throws -> Bool {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
        return try contents() == [name] && (attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
