import Foundation
import HeapGraph
import HeapReader

// A small driver of the HeapReader target, for its tests and measurements (`refgraph attach`
// takes its snapshots through the same `OutsideCapture`):
//   heap-reader-probe snapshot PID OUT [--copy]   stop, read (or copy, resume, then walk), write OUT
//   heap-reader-probe freeze PID                  stop every thread, print "frozen", wait for ever
//   heap-reader-probe compare READER.rgs AGENT.rgs   differences per category
//   heap-reader-probe debug-offsets PID           3.13's _Py_DebugOffsets against the generated layout

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8) ?? Data())
    exit(1)
}

let arguments = CommandLine.arguments
if arguments.count == 4 && arguments[1] == "compare" {
    do {
        let comparison = SnapshotComparison(
            reader: try SnapshotFile.read(from: arguments[2]),
            oracle: try SnapshotFile.read(from: arguments[3])
        )
        print(comparison.report)
    } catch {
        fail("heap-reader-probe: \(error)")
    }
    exit(0)
}
guard arguments.count >= 3, let pid = Int32(arguments[2]) else {
    fail("usage: heap-reader-probe snapshot PID OUT [--copy] | freeze PID | debug-offsets PID")
}
do {
    switch arguments[1] {
    case "freeze":
        let freeze = try ThreadFreeze(pid: pid)
        // Unbuffered: the test waits for this line while the probe waits for ever.
        FileHandle.standardOutput.write(Data("frozen \(freeze.threads.count) threads\n".utf8))
        while true { pause() }
    case "debug-offsets":
        let memory = ProcessMemory(pid: pid)
        let runtime = try PythonRuntime(pid: pid, memory: memory)
        for check in try runtime.debugOffsetChecks(memory: memory) {
            print(
                "\(check.agrees ? "same" : "DIFFERENT") \(check.field) target=\(check.target) generated=\(check.generated) (\(check.entry))"
            )
        }
    case "snapshot":
        guard arguments.count >= 4 else { fail("usage: heap-reader-probe snapshot PID OUT [--copy]") }
        let (capture, snapshot) = try OutsideCapture.take(
            pid: pid,
            method: arguments.contains("--copy") ? .copyThenWalk : .readWhileStopped
        ) { Snapshot(copying: $0) }
        try SnapshotFile.write(snapshot, to: arguments[3])
        if capture.copiedBytes > 0 { print("copied \(capture.copiedBytes) bytes") }
        print(
            String(
                format: "objects %d edges %d stopped %.3f s total %.3f s syscalls %d",
                capture.objects,
                capture.edges,
                capture.stoppedSeconds,
                capture.totalSeconds,
                capture.systemCalls
            )
        )
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("heap-reader-probe: \(error)")
}
