import Foundation
import HeapGraph
import TestSupport
import Testing

/// The standalone agent leaves the process as it found it and writes files safely.
@Suite struct SideEffectTests {
    @Test(arguments: Interpreters.supported)
    func snapshotChangesNothingItCanBeSeenToChange(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("side-effects-\(minor)")
        let facts = try AgentProcess.run(python, "side_effects", ["s.rgs"], in: dir)
        let runs = try #require(facts["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        for run in runs {
            // Sentinel refcount and referrers, gc enabled/thresholds, switch interval, modules.
            #expect(run["same"] as? Bool == true, "\(run)")
            // Nothing the walk made is left for the collector.
            #expect(run["garbage"] as? Int == 0)
        }
        let s = try SnapshotFile.read(from: dir + "/s.rgs")
        let sentinel = try #require(s.object(at: facts.uint("sentinel") ?? 0))
        // Held by `sentinel` (module dict) and `holder`: exactly the references found.
        #expect(s.refcount(of: sentinel) == 2)
        #expect(s.metadata.gcEnabled == false)
        #expect(s.metadata.gcThresholds == [701, 11, 9])
        // None of the walk's own objects or frames are in the snapshot.
        let typeNames = Set(s.objectIDs.map { s.type(of: $0).qualifiedName })
        for own in ["refgraph_agent._TypeRecord", "refgraph_agent._Strings", "refgraph_agent._Probe", "array.array"] {
            #expect(!typeNames.contains(own), "\(own)")
        }
        let frames = s.objectIDs.filter { s.flags(of: $0).contains(.frame) }.map { s.label(of: $0) }
        #expect(!frames.contains { $0.hasPrefix("refgraph_agent.py") })
        #expect(frames.contains { $0.hasPrefix("side_effects.py:") && $0.hasSuffix(" in take") })
        let half = s.objectCount / 2
        let big = s.objectIDs.filter {
            ["list", "dict", "set"].contains(s.type(of: $0).name)
                && (Int(s.label(of: $0).split(separator: " ")[0]) ?? 0) > half
        }
        #expect(big.isEmpty)
    }

    /// A profiler that keeps every frame it sees makes the walk's own frames (and through
    /// them its state) reachable from the heap; they are still left out.
    @Test(arguments: ["3.8", "3.12", "3.13"])
    func framesAProfilerKeptOfTheWalkAreLeftOut(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("profiler-\(minor)")
        let facts = try AgentProcess.run(python, "profiler_frames", ["p.rgs"], in: dir)
        #expect((facts.uint("agent") ?? 0) > 3)
        let s = try SnapshotFile.read(from: dir + "/p.rgs")
        #expect(UInt64(s.objectCount) == facts.uint("objects"))
        let frames = s.objectIDs.filter { s.flags(of: $0).contains(.frame) }.map { s.label(of: $0) }
        #expect(!frames.contains { $0.hasPrefix("refgraph_agent.py") })
        let typeNames = Set(s.objectIDs.map { s.type(of: $0).qualifiedName })
        #expect(!typeNames.contains("refgraph_agent._TypeRecord"))
        #expect(s.global("__main__", "kept").map { s.label(of: $0) } == "\((facts.uint("kept") ?? 0)) items")
    }

    /// "No code of yours runs" also when the program put counting wrappers (which allocate)
    /// in the place of every C function of builtins, sys, gc, os, time, _thread, operator
    /// and struct, and of json.dumps, before or after importing the agent.
    @Test(arguments: ["3.8", "3.11", "3.13"], ["before", "after"])
    func noReplacedFunctionRunsDuringASnapshot(minor: String, when: String) throws {
        let run = try AgentProcess.snapshot(minor, "replaced_functions", folder: "replaced-\(minor)-\(when)", [when])
        let (facts, s) = (run.facts, run.snapshot)
        #expect((facts.uint("replaced") ?? 0) > 300)
        #expect((facts["outcome"] as? [Any])?.first as? String == "ok", "\(facts)")
        #expect(facts.uint("calls") == 0, "\(facts["most"] ?? "")")
        #expect(s.objects(ofType: "__main__.Item").count == 200)
        #expect(!s.metadata.limitations.contains { $0.hasPrefix("The program had replaced") })
    }

    /// A FIFO, a character device (the numbers of /dev/null, made as root) and symbolic
    /// links to them are refused with one line and left as they were.
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func whatIsNotARegularFileIsNeverReplaced(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("special-files-\(minor)")
        try FileManager.default.createDirectory(atPath: dir + "/files", withIntermediateDirectories: false)
        let facts = try AgentProcess.run(python, "special_files", [dir + "/files"], in: dir)
        let before = try #require(facts["before"] as? [String: String])
        #expect(facts["after"] as? [String: String] == before)
        #expect(before["fifo"] == "fifo" && before["fifo_link"] == "link")
        if getuid() == 0 { #expect(before["device"] == "char" && before["device_link"] == "link") }
        let errors = try #require(facts["errors"] as? [String: Any])
        let paths = try #require(facts["paths"] as? [String: String])
        for (name, path) in paths {
            let error = try #require(errors[name] as? [String], "\(name) was replaced")
            #expect(error[0] == "OSError")
            #expect(error[1].hasPrefix("The snapshot could not be written to '\(path)': it is a"), "\(error[1])")
            #expect(!error[1].contains("\n"))
        }
        // No temporary file is left beside them.
        #expect((facts["entries"] as? [String])?.contains { $0.hasSuffix(".tmp") } == false)
    }

    @Test func filesAreMode0600AndFailuresLeaveNoTemporaryFile() throws {
        let python = try Interpreters.require("3.11")
        let dir = try AgentProcess.folder("write-failures")
        try FileManager.default.createDirectory(atPath: dir + "/occupied", withIntermediateDirectories: false)
        let facts = try AgentProcess.run(python, "write_failures", [dir], in: dir)
        let missing = try #require(facts["missing_folder"] as? [String])
        #expect(missing[0] == "FileNotFoundError")
        #expect(missing[1].contains("The snapshot could not be written to '\(dir)/no-such-folder/x.rgs'"))
        let occupied = try #require(facts["is_a_directory"] as? [String])
        #expect(occupied[0] == "IsADirectoryError")
        #expect(occupied[1].contains("'\(dir)/occupied'"))
        #expect(facts["mode"] as? String == "0o600")
        #expect(facts["entries"] as? [String] == ["good.rgs", "occupied", "refgraph_agent.py"])
    }
}
