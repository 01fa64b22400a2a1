import Foundation
import Testing

@testable import GraphRender

@Suite struct OutputWriterTests {
    /// A new empty folder for one test.
    static func makeFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("refgraph-writer-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    @Test func writesTheBytesAndLeavesNoTemporaryFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/graph.png"
        try OutputWriter.write([1, 2, 3, 0, 255], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3, 0, 255]))
        try OutputWriter.write(Array("replaced".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("replaced".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["graph.png"])
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func writesAnEmptyFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try OutputWriter.write([], to: folder + "/empty.dot")
        #expect(FileManager.default.contents(atPath: folder + "/empty.dot") == Data())
    }

    @Test func missingFolderFailsWithAMessageAndWritesNothing() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/missing/graph.svg"
        #expect(throws: GraphRenderError(.write(path: path, reason: "No such file or directory"))) {
            try OutputWriter.write([1], to: path)
        }
        #expect(
            GraphRenderError(.write(path: path, reason: "No such file or directory")).description
                == "Could not write '\(path)': No such file or directory."
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    /// Root may write anywhere, so the unwritable folder is a file standing where a folder should be.
    @Test func unwritableFolderFailsAndLeavesNoTemporaryFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/file", contents: Data("x".utf8))
        #expect(throws: GraphRenderError.self) { try OutputWriter.write([1], to: folder + "/file/graph.pdf") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["file"])
        #expect(FileManager.default.contents(atPath: folder + "/file") == Data("x".utf8))
    }

    @Test func aFolderInTheWayIsKeptAndTheTemporaryFileRemoved() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/graph.png", withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: folder + "/graph.png/inside", contents: Data())
        #expect(throws: GraphRenderError.self) { try OutputWriter.write([1, 2], to: folder + "/graph.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["graph.png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/graph.png") == ["inside"])
    }

    @Test func pathThatNamesAFolderIsRefused() {
        #expect(throws: GraphRenderError(.write(path: "out/", reason: "it names a folder, not a file"))) {
            try OutputWriter.write([1], to: "out/")
        }
    }

    @Test func formatComesFromTheExtension() {
        #expect(OutputFormat(path: "a/b/graph.PNG") == .png)
        #expect(OutputFormat(path: "graph.svg") == .svg)
        #expect(OutputFormat(path: "x.pdf") == .pdf)
        #expect(OutputFormat(path: "x.dot") == .dot)
        #expect(OutputFormat(path: "x.gv") == .dot)
        #expect(OutputFormat(path: "x.jpeg") == nil)
        #expect(OutputFormat(path: "png") == nil)
        #expect(OutputFormat(path: ".png") == nil)
        #expect(OutputFormat(path: "dir.png/graph") == nil)
    }
}
