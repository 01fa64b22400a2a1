import Foundation
import TestSupport
import Testing

/// A signal during `refgraph run`'s capture ends the run at once, the way a shell expects (the
/// process dies of the signal: status 128 + its number), and leaves no file behind.
@Suite struct RunSignalTests {
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalDuringTheCaptureEndsTheRunAndLeavesNoFile(signal: Int32) throws {
        let dir = try TestPaths.scratchFolder("run-signal")
        let pid = try spawnAsFromAShell(
            TestPaths.refgraphBinary,
            ["run", "--snapshot", dir + "/big.rgs", cliFixture("big_heap.py")]
        )
        // The snapshot's temporary file exists from the start of the capture: wait for it.
        var status: Int32 = 0
        var capturing = false
        while !capturing && waitpid(pid, &status, WNOHANG) == 0 {
            capturing = try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasSuffix(".tmp") }
            if !capturing { usleep(2_000) }
        }
        #expect(capturing, "the capture's temporary file never appeared")
        if capturing {
            kill(pid, signal)
            var waited: pid_t
            repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        }
        #expect(status & 0x7f == signal, "wait status \(status)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }

    /// Starts `executable` with no signal blocked and every signal's default action, as a shell
    /// starts a command (a test runner's threads block signals, and a child inherits that),
    /// its output discarded; the pid.
    private func spawnAsFromAShell(_ executable: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for string in argv { free(string) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EINVAL) }
        return pid
    }
}
