import Foundation

/// A child process driven line by line through its stdin and stdout, for tests that talk to
/// a program while it runs. Its stdout is read on a background thread as it arrives.
final class LineProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var buffer = Data()
    private var closed = false

    var pid: Int32 { process.processIdentifier }

    init(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { closed = true } else { buffer.append(data) }
                lock.broadcast()
                lock.unlock()
                if data.isEmpty { return }
            }
        }
    }

    /// The next line of output, waiting up to `timeout` seconds.
    func readLine(timeout: Double = 60) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            if closed { throw LineProcessError("the process closed its output") }
            if !lock.wait(until: deadline) { throw LineProcessError("no line within \(timeout) s") }
        }
    }

    func writeLine(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The exit status, or nil if it has not exited within `timeout` seconds.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return process.terminationStatus
    }

    /// Ends the process if it still runs.
    func kill() {
        if process.isRunning { process.terminate() }
    }
}

struct LineProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
