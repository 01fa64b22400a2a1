import Foundation

/// What a finished child process printed and how it ended.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Whether the process was killed for running past its time limit.
    public var timedOut: Bool
}

/// Runs programs for end-to-end tests, reading their output while they run (a runner that
/// waits for exit before reading hangs once a pipe's 64 KiB buffer fills).
public enum CommandRunner {
    /// Runs `executable` with `arguments` in `directory`, killing it after `timeout` seconds.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil, timeout: Double = 120
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let outData = OutputCollector(), errData = OutputCollector()
        try process.run()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 0.5)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        group.wait()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData.data, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self),
            timedOut: timedOut)
    }
}

private final class OutputCollector: @unchecked Sendable {
    var data = Data()
}

/// Paths the end-to-end tests need: the built `refgraph`, the package's folders, scratch space.
public enum TestPaths {
    /// The package's top folder (tests may find it from their source location).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `refgraph` binary built beside the test bundle.
    public static let refgraphBinary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.lastPathComponent.hasSuffix(".xctest") {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("refgraph").path
    }()

    /// A new empty folder for one test.
    public static func scratchFolder(_ name: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "refgraph-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The virtualenv with objgraph that `scripts/test` makes, if present.
    public static var testVirtualenv: String? {
        if let env = ProcessInfo.processInfo.environment["REFGRAPH_TEST_VENV"] { return env }
        let local = packageRoot + "/.venv-test"
        return FileManager.default.fileExists(atPath: local + "/bin/python") ? local : nil
    }
}
