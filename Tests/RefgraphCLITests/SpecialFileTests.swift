import Foundation
import HeapGraph
import TestSupport
import Testing

/// A writer never replaces what is not a regular file: refgraph runs as root here, where a
/// rename over a device node or a FIFO would succeed and turn it into a regular file.
@Suite struct SpecialFileTests {
    enum Kind: String, CaseIterable {
        case characterDevice = "a character device"
        case fifo = "a FIFO (named pipe)"
    }

    /// Makes `name` in `dir` as a device node with /dev/null's numbers (1, 3), or a FIFO.
    private func make(_ kind: Kind, _ name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        let made =
            switch kind {
            case .characterDevice: mknod(path, S_IFCHR | 0o600, 0x103)  // makedev(1, 3)
            case .fifo: mkfifo(path, 0o600)
            }
        #expect(made == 0, "\(String(cString: strerror(errno)))")
        return path
    }

    /// Whether `path` is still a node of that kind (and for the device, still 1, 3).
    private func isStill(_ kind: Kind, _ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        switch kind {
        case .characterDevice: return info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0x103
        case .fifo: return info.st_mode & S_IFMT == S_IFIFO
        }
    }

    @Test(arguments: Kind.allCases)
    func runRefusesASnapshotPathThatIsNotARegularFile(kind: Kind) throws {
        let dir = try TestPaths.scratchFolder("special-run")
        let node = try make(kind, "heap.rgs", in: dir)
        try "print('the script ran')\n".write(toFile: dir + "/script.py", atomically: true, encoding: .utf8)
        let result = try refgraph(["run", "--snapshot", "heap.rgs", "script.py"], in: dir, timeout: 60)
        #expect(result.status == 1)
        #expect(!result.timedOut)
        #expect(result.stdout == "", "the script must not run")
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("'heap.rgs' is \(kind.rawValue), not a regular file"), "\(result.stderr)")
        #expect(isStill(kind, node))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["heap.rgs", "script.py"])
    }

    @Test(arguments: Kind.allCases)
    func theSnapshotWriterRefusesAPathThatIsNotARegularFile(kind: Kind) throws {
        let dir = try TestPaths.scratchFolder("special-writer")
        let node = try make(kind, "heap.rgs", in: dir)
        #expect(throws: SnapshotFileError(path: node, reason: .notReplaceable(kind: kind.rawValue))) {
            try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: node)
        }
        #expect(isStill(kind, node))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["heap.rgs"])
    }

    @Test(arguments: Kind.allCases)
    func outputRefusesAPathThatIsNotARegularFile(kind: Kind) throws {
        let dir = try TestPaths.scratchFolder("special-output")
        let made = try refgraph(["run", "--snapshot", "q.rgs", cliFixture("queries.py")], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let node = try make(kind, "graph.dot", in: dir)
        let result = try refgraph(
            ["backrefs", "q.rgs", "--type", "dict", "--output", "graph.dot"],
            in: dir,
            timeout: 60
        )
        #expect(result.status == 1)
        #expect(!result.timedOut)
        #expect(
            lines(result.stderr) == [
                "Error: Could not write 'graph.dot': it is \(kind.rawValue), not a regular file, and was left as it is."
            ]
        )
        #expect(isStill(kind, node))
        let page = try make(kind, "report.html", in: dir)
        let leaks = try refgraph(["leaks", "q.rgs", "q.rgs", "--output", "report.html"], in: dir, timeout: 60)
        #expect(leaks.status == 1)
        #expect(lines(leaks.stderr).count == 1)
        #expect(isStill(kind, page))
    }
}
