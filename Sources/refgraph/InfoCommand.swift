import ArgumentParser
import Foundation
import HeapGraph
import Reports

/// `refgraph info`: what a snapshot says about the process and the moment it was taken.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a snapshot's process, Python version, sizes, roots and load time."
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @Flag(name: .long, help: "Print the facts as a JSON document.")
    var json = false

    func run() throws {
        let started = Date()
        let snapshot = try SnapshotFile.read(from: snapshotPath)
        let loadSeconds = Date().timeIntervalSince(started)
        let report = InfoReport(snapshot, path: snapshotPath, loadSeconds: loadSeconds)
        Console.out(json ? try JSONOutput.encode(report) : report.text)
    }
}
