import Foundation
import Testing

@testable import ProcessAttach

/// Whether gdb can call a function in a process on this machine. Not on every machine: gdb 13
/// cannot write back the register state of a CPU with AMX (Linux wants the whole XSAVE area),
/// and then `refgraph attach` must refuse, detach and leave the target untouched. Probed once,
/// on a throwaway child of the tests' own (`/bin/sleep`), with gdb's plain `call`, independently
/// of refgraph's own check.
enum GDBCalls {
    static let work: Bool = {
        guard let gdb = try? GDBProcess.locate(nil), let child = try? ChildProcess.spawn("/bin/sleep", ["300"]) else {
            return false
        }
        defer {
            kill(child.pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
            close(child.output)
        }
        let arguments = ["-batch", "-nx", "-q", "-p", String(child.pid), "-ex", "call (int)getpid()"]
        guard let result = try? GDBProcess.run(gdb, arguments, environment: [:], timeout: 60) else { return false }
        return result.lines.contains { $0.hasPrefix("$1 = \(child.pid)") }
    }()

    /// Checks that `attach` was refused in the one line that says gdb cannot restore the registers.
    static func expectRefusal(_ attach: () throws -> AttachSummary, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            _ = try attach()
        } throws: { error in
            guard let error = error as? AttachError, error.kind == .gdbCannotCall else { return false }
            return error.message.contains("register state") && error.message.contains("newer gdb")
                && !error.message.contains("\n")
        }
    }
}
