import Foundation
import HeapGraph
import TestSupport
import Testing

/// Every command on well-formed snapshots with extreme values (`HostileSnapshots`): no
/// signal, no hang, no raw terminal control character in what reaches the terminal, JSON that
/// parses, and an exit status of 0, or 1 with a one-line error.
@Suite struct HostileValueFuzzTests {
    /// The commands run on each file: `S` is the older snapshot, `N` the newer one.
    static let commands: [[String]] = [
        ["top", "S"], ["top", "S", "--json"], ["info", "S"], ["info", "S", "--json"],
        ["chain", "S", "--type", HostileSnapshots.victimType], ["chain", "S", "--type", "Evi"],
        ["backrefs", "S", "--type", HostileSnapshots.victimType, "--all"],
        ["refs", "S", "--type", HostileSnapshots.victimType],
        ["refs", "S", "--type", HostileSnapshots.victimType, "--json"],
        ["cycles", "S"], ["cycles", "S", "--type", HostileSnapshots.victimType], ["orphans", "S"],
        ["retained", "S"], ["retained", "S", "--by", "type"],
        ["retained", "S", "--type", HostileSnapshots.victimType, "--all"],
        ["growth", "S", "N"], ["growth", "S", "N", "--json"],
        ["leaks", "S", "N"], ["leaks", "S", "N", "--json"], ["leaks", "S", "N", "--output", "report.html"],
    ]

    @Test(arguments: 0..<8) func everyCommandStaysSafeOnExtremeValues(seed: UInt64) throws {
        let dir = try TestPaths.scratchFolder("hostile-\(seed)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (old, new) = HostileSnapshots.pair(seed: seed)
        try SnapshotFile.write(old, to: dir + "/S.rgs")
        try SnapshotFile.write(new, to: dir + "/N.rgs")
        for command in Self.commands {
            let arguments = command.map { $0 == "S" ? "S.rgs" : $0 == "N" ? "N.rgs" : $0 }
            let shown = "seed \(seed): refgraph \(arguments.joined(separator: " "))"
            let result = try refgraph(arguments, in: dir, timeout: 10)
            #expect(!result.timedOut, "\(shown) ran past 10 s")
            #expect(
                result.status == 0 || result.status == 1,
                "\(shown) ended with status \(result.status): \(result.stderr.prefix(500))"
            )
            if result.status == 1 {
                let errorLines = lines(result.stderr).filter { !$0.hasPrefix("refgraph: ") }
                #expect(errorLines.count == 1, "\(shown) failed without a one-line error: \(result.stderr.prefix(500))")
            }
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                if let found = Self.firstControl(in: text) {
                    Issue.record("\(shown): \(stream) holds U+\(String(found, radix: 16, uppercase: true))")
                }
            }
            if command.contains("--json"), result.status == 0 {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil,
                    "\(shown) printed invalid JSON"
                )
            }
        }
    }

    /// A FIFO no one writes to, a device and a folder are refused at once, in one line.
    @Test func specialFilesAreRefusedInOneLine() throws {
        let dir = try TestPaths.scratchFolder("hostile-special")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mkfifo(dir + "/fifo.rgs", 0o600) == 0)
        let (old, _) = HostileSnapshots.pair(seed: 0)
        try SnapshotFile.write(old, to: dir + "/S.rgs")
        for path in ["fifo.rgs", "/dev/zero", "/dev/null", dir] {
            for arguments in [["top", path], ["info", path, "--json"], ["leaks", "S.rgs", path]] {
                let result = try refgraph(arguments, in: dir, timeout: 10)
                let shown = "refgraph \(arguments.joined(separator: " "))"
                #expect(!result.timedOut, "\(shown) ran past 10 s")
                #expect(result.status == 1, "\(shown): \(result.stderr)")
                #expect(lines(result.stderr).count == 1, "\(shown): \(result.stderr)")
                #expect(result.stderr.contains("not a snapshot file"), "\(shown): \(result.stderr)")
            }
        }
    }

    /// The first character in `text` that a terminal acts on or that changes how a line
    /// reads (other than the newlines between lines), as its code point.
    static func firstControl(in text: String) -> UInt32? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: continue
            case 0x00..<0x20, 0x7F..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
                return scalar.value
            default: continue
            }
        }
        return nil
    }
}
