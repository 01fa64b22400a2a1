import Foundation
import HeapReader
import TestSupport
import Testing

/// What `attach --inject` relies on when gdb calls `Py_AddPendingCall` from a thread other than
/// the main one while the main thread is busy in Python: a C thread schedules a pending call
/// and blocks in read(2), as gdb's call thread does. Where the call does not run on its own
/// (3.9 to 3.12), setting the eval breaker `PythonRuntime.pendingCallBreakerAddress` names,
/// as the gdb script does, makes it run; where it does run on its own, no address is named.
@Suite(.serialized) struct PendingCallBreakerTests {
    static let fixtures = TestPaths.packageRoot + "/Tests/AttachTests/Fixtures"

    /// The fixture's C part, compiled once into a scratch folder.
    static let library: Result<String, TestProcessError> = {
        guard let folder = try? TestPaths.scratchFolder("pending-call") else {
            return .failure(TestProcessError("no scratch folder"))
        }
        let output = folder + "/pending_call_thread.so"
        guard
            let gcc = try? TestProcess(
                "/usr/bin/gcc",
                ["-shared", "-fPIC", "-o", output, fixtures + "/pending_call_thread.c", "-lpthread"]
            ),
            gcc.wait(timeout: 120) == 0
        else { return .failure(TestProcessError("gcc could not build pending_call_thread.c")) }
        return .success(output)
    }()

    @Test(arguments: Interpreters.supported + [Interpreters.debianPython311])
    func theBreakerMakesAPendingCallFromAnotherThreadRun(interpreter: String) throws {
        let python =
            interpreter.hasPrefix("/")
            ? try Interpreters.requireExecutable(interpreter) : try Interpreters.require(interpreter)
        let library = try Self.library.get()
        let target = try TestProcess(python, [Self.fixtures + "/pending_call_from_thread.py", library])
        defer { target.end(signal: SIGKILL) }
        _ = try target.nextLine(startingWith: "ready")
        let memory = ProcessMemory(pid: target.pid)
        let breaker = try PythonRuntime(pid: target.pid, memory: memory).pendingCallBreakerAddress(memory: memory)
        let first = try target.nextLine(timeout: 60)
        if let breaker {
            #expect(first == "waiting", "\(interpreter): \(target.stdout)")
            let file = try #require(FileHandle(forWritingAtPath: "/proc/\(target.pid)/mem"))
            defer { try? file.close() }
            try file.seek(toOffset: breaker)
            try file.write(contentsOf: withUnsafeBytes(of: Int32(1).littleEndian) { Data($0) })
        } else {
            #expect(first == "ran early", "\(interpreter): \(target.stdout)")
        }
        #expect(try target.nextLine(startingWith: "ran", timeout: 60) == "ran", "\(interpreter): \(target.stdout)")
    }
}
