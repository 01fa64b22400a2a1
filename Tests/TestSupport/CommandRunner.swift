import Foundation

/// What a finished child process printed and how it ended.
public struct CommandResult: Sendable {
    /// Its exit code, or 128 plus the signal that ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Whether the process was killed for running past its time limit.
    public var timedOut: Bool
}

/// Runs programs to the end for end-to-end tests, through `TestProcess`.
public enum CommandRunner {
    /// Runs `executable` with `arguments` in `directory` (with `environment` instead of the
    /// test's own, if given), ending it and its process group after `timeout` seconds.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String]? = nil,
        timeout: Double = 120
    ) throws -> CommandResult {
        let process = try TestProcess(executable, arguments, in: directory, environment: environment)
        var status = process.wait(timeout: timeout)
        let timedOut = status == nil
        if timedOut {
            process.end(signal: SIGTERM)
            status = process.wait(timeout: 5)
            if status == nil {
                process.end(signal: SIGKILL)
                status = process.wait(timeout: 30)
            }
        }
        process.waitForOutputToClose(timeout: 10)
        return CommandResult(
            status: status ?? -1,
            stdout: process.stdout,
            stderr: process.stderr,
            timedOut: timedOut
        )
    }
}
