import Foundation
import TestSupport
import Testing

/// `refgraph leaks` end to end: each example of examples/ snapshotted several times as it
/// runs under `refgraph run`, the control that does not leak, a fixture with labels hostile
/// to HTML, and the one-line errors.
@Suite(.serialized) struct LeaksCommandTests {
    /// Copies an example's Python files into a scratch folder and runs its main script with
    /// `arguments` (the last one the number of snapshots); returns the folder.
    private func run(example: String, script: String, _ arguments: [String]) throws -> String {
        let source = TestPaths.packageRoot + "/examples/" + example
        let dir = try TestPaths.scratchFolder("leaks-" + example)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".py") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: dir + "/" + file)
        }
        let result = try refgraph(["run", script] + arguments, in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        return dir
    }

    private func report(_ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try refgraph(["leaks"] + arguments + ["--json"], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func suspects(_ document: [String: Any]) throws -> [[String: Any]] {
        try #require(document["suspects"] as? [[String: Any]])
    }

    /// How many new objects of `type` the suspect holds (nil when none).
    private func held(_ type: String, in suspect: [String: Any]) -> Int? {
        (suspect["types"] as? [[String: Any]])?.first { $0["type"] as? String == type }?["held"] as? Int
    }

    private func chainEdges(_ suspect: [String: Any], _ key: String = "chain") -> [String] {
        ((suspect[key] as? [[String: Any]]) ?? []).compactMap { $0["edgeLabel"] as? String }
    }

    @Test func profilerLeakIsTheClassLevelResultsList() throws {
        let dir = try run(example: "profiler_leak", script: "service.py", ["3000", "3"])
        let document = try report(["service-1.rgs", "service-2.rgs", "service-3.rgs"], in: dir)
        let first = try #require(try suspects(document).first)
        #expect(first["name"] as? String == "Profiler.results")
        #expect(chainEdges(first) == [".__dict__", "['Profiler']", ".__dict__", "['results']"])
        #expect((first["container"] as? [String: Any])?["type"] as? String == "list")
        // 1,000 requests per batch: the records of batches 2 and 3 are new, all in the list.
        #expect(held("ProfileRecord", in: first) == 2000)
        let retained = try #require(first["retainedBytes"] as? [Int])
        #expect(retained.count == 3 && retained[0] < retained[1] && retained[1] < retained[2])
        #expect(
            (first["heldThrough"] as? [[String: Any]])?.dropFirst().first?["type"] as? String == "webapp.ProfileRecord"
        )
    }

    @Test func dispatcherLeakIsThePendingRequestsDict() throws {
        let dir = try run(example: "dispatcher_leak", script: "daemon.py", ["2000", "3"])
        let found = try suspects(try report(["daemon-1.rgs", "daemon-2.rgs", "daemon-3.rgs"], in: dir))
        let first = try #require(found.first)
        #expect(first["name"] as? String == "__main__.dispatcher._expected")
        #expect(chainEdges(first) == [".__dict__", "['dispatcher']", "._expected"])
        // Requests 666..<2000 were sent after the first snapshot; the odd ones never get a
        // reply: 667 new pending requests, each with a body of three Nodes.
        #expect(held("Request", in: first) == 667)
        // Each has a body of three Nodes; a few new Nodes may take the address of a Node freed
        // since the first snapshot, which makes them look old (address and type match).
        #expect((3 * 667 - 30...3 * 667).contains(held("Node", in: first) ?? 0))
        // The reply log grows too, less: it ranks second.
        #expect(found.count == 2)
        #expect((found.dropFirst().first?["name"] as? String)?.hasSuffix(".cell_contents") == true)
    }

    @Test func workerLeakPointsAtTheUnclosedGenerators() throws {
        let dir = try run(example: "worker_generator_leak", script: "jobs.py", ["4", "3"])
        let found = try suspects(try report(["jobs-1.rgs", "jobs-2.rgs", "jobs-3.rgs"], in: dir))
        try #require(found.count == 1)
        let first = found[0]
        #expect(first["name"] as? String == "Worker.registry")
        #expect(
            held("generator", in: first) == 8 && held("bytearray", in: first) == 8 && held("Worker", in: first) == 8
        )
        #expect(chainEdges(first, "heldThrough").last?.contains("buffer") == true)
        let types = ((first["heldThrough"] as? [[String: Any]]) ?? []).map { $0["type"] as? String ?? "" }
        #expect(types == ["list", "pipeline.Worker", "generator", "bytearray"])
        #expect((first["note"] as? String)?.contains("suspended generators that were never closed") == true)
    }

    /// The same report from snapshots the standalone agent takes in a plain `python3.11`
    /// process (the example imports `refgraph_agent` from `refgraph agent-path`'s folder).
    @Test func workerLeakFromTheStandaloneAgentsSnapshots() throws {
        let python3 = try Interpreters.requireExecutable(Interpreters.debianPython311)
        let source = TestPaths.packageRoot + "/examples/worker_generator_leak"
        let dir = try TestPaths.scratchFolder("leaks-standalone")
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".py") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: dir + "/" + file)
        }
        let agent = try refgraph(["agent-path"], in: dir)
        try #require(agent.status == 0, "\(agent.stderr)")
        let agentFolder = URL(fileURLWithPath: agent.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            .deletingLastPathComponent().path
        let python = try CommandRunner.run(
            python3,
            ["jobs.py", "4", "3"],
            in: dir,
            environment: ["PYTHONPATH": agentFolder]
        )
        try #require(python.status == 0, "\(python.stderr)")
        let found = try suspects(try report(["jobs-1.rgs", "jobs-2.rgs", "jobs-3.rgs"], in: dir))
        try #require(found.count == 1)
        #expect(found[0]["name"] as? String == "Worker.registry")
        #expect(held("generator", in: found[0]) == 8 && held("bytearray", in: found[0]) == 8)
        let types = ((found[0]["heldThrough"] as? [[String: Any]]) ?? []).map { $0["type"] as? String ?? "" }
        #expect(types == ["list", "pipeline.Worker", "generator", "bytearray"])
        #expect(found[0]["note"] != nil)
    }

    @Test func boundedCacheWithChurnHasNoSuspect() throws {
        let dir = try run(example: "bounded_cache", script: "cache_service.py", ["6000", "4"])
        let document = try report(["cache-1.rgs", "cache-2.rgs", "cache-3.rgs", "cache-4.rgs"], in: dir)
        #expect(try suspects(document).isEmpty)
        let text = try refgraph(["leaks", "cache-1.rgs", "cache-2.rgs", "cache-3.rgs", "cache-4.rgs"], in: dir)
        #expect(text.status == 0 && lines(text.stdout).last?.hasPrefix("No suspect:") == true)
    }

    @Test func htmlReportIsSelfContainedAndEscapesHostileLabels() throws {
        let dir = try TestPaths.scratchFolder("leaks-html")
        let run = try refgraph(["run", cliFixture("leaks_hostile.py"), "3"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let result = try refgraph(
            ["leaks", "hostile-1.rgs", "hostile-2.rgs", "hostile-3.rgs", "--output", "report.html"],
            in: dir
        )
        try #require(result.status == 0, "\(result.stderr)")
        let path = dir + "/report.html"
        let page = try String(contentsOfFile: path, encoding: .utf8)
        func count(_ needle: String) -> Int { page.components(separatedBy: needle).count - 1 }
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(count("<html") == 1 && count("</html>") == 1 && count("<body") == 1)
        #expect(count("<svg") == 1 && count("</svg>") == 1)
        // The drawing's viewBox spans its whole size (Graphviz's own is too small at dpi=96).
        let header = try #require(page.components(separatedBy: "<svg").last?.components(separatedBy: ">").first)
        let size = header.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(size.count == 3 && size[2] == "0 0 " + size[0].dropLast(2) + " " + size[1].dropLast(2), "\(header)")
        #expect(!page.contains("http://") && !page.contains("https://"))
        #expect(!page.contains("<script") && !page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;"))
        #expect(page.contains("&lt;script&gt;"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains(".tmp-") })
    }

    static let chromium = "/usr/bin/chromium"

    /// Debian's chromium, headless, loads the page of the profiler example without a console
    /// message (chromium logs each one as `CONSOLE`, errors included) and finds its drawing.
    /// `--redact`: the hostile fixture's strings and its non-identifier dict key appear in the
    /// report without it, and in none of text, JSON and HTML with it; the figures are the same.
    @Test func redactLeavesValuesOutOfEveryFormat() throws {
        let dir = try TestPaths.scratchFolder("leaks-redact")
        let run = try refgraph(["run", cliFixture("leaks_hostile.py"), "3"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let snapshots = ["hostile-1.rgs", "hostile-2.rgs", "hostile-3.rgs"]
        let shown = try refgraph(["leaks"] + snapshots + ["--json", "--output", "shown.html"], in: dir)
        let redacted = try refgraph(
            ["leaks"] + snapshots + ["--json", "--redact", "--output", "redacted.html"],
            in: dir
        )
        let text = try refgraph(["leaks"] + snapshots + ["--redact"], in: dir)
        try #require(shown.status == 0 && redacted.status == 0 && text.status == 0, "\(redacted.stderr)")
        let shownPage = try String(contentsOfFile: dir + "/shown.html", encoding: .utf8)
        let redactedPage = try String(contentsOfFile: dir + "/redacted.html", encoding: .utf8)
        #expect(shown.stdout.contains("alert") && shownPage.contains("alert"))
        for output in [redacted.stdout, redactedPage, text.stdout] {
            #expect(!output.contains("alert") && !output.contains("quoted") && !output.contains("onerror"))
        }
        #expect(redacted.stdout.contains("<value left out, "))
        #expect(redactedPage.contains("Values left out (--redact)") && shownPage.contains("Values shown"))
        #expect(lines(text.stdout).dropFirst().first == "(values left out: str and bytes labels give their size only)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(redacted.stdout.utf8)) as? [String: Any])
        #expect(a["valuesLeftOut"] as? Bool == false && b["valuesLeftOut"] as? Bool == true)
        let figures = { (d: [String: Any]) in
            ((d["suspects"] as? [[String: Any]]) ?? []).map { "\($0["retainedBytes"] ?? "")" }
        }
        #expect(figures(a) == figures(b) && !figures(a).isEmpty)
    }

    @Test func htmlReportOpensInAHeadlessBrowserWithoutConsoleMessages() throws {
        let chromium = try Interpreters.requireExecutable(Self.chromium)
        let dir = try run(example: "profiler_leak", script: "service.py", ["600", "3"])
        let result = try refgraph(
            ["leaks", "service-1.rgs", "service-2.rgs", "service-3.rgs", "--output", "leaks.html"],
            in: dir
        )
        try #require(result.status == 0, "\(result.stderr)")
        let browser = try CommandRunner.run(
            chromium,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=1",
                "--user-data-dir=" + dir + "/chromium", "--dump-dom", "file://" + dir + "/leaks.html",
            ],
            in: dir,
            timeout: 90
        )
        #expect(browser.status == 0 && !browser.timedOut)
        #expect(
            !browser.stderr.contains(":CONSOLE"),
            "\(browser.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") })"
        )
        #expect(browser.stdout.contains("<svg") && browser.stdout.contains("Suspect 1: <code>Profiler.results"))
    }

    @Test func oneSnapshotOutOfOrderSnapshotsAndOtherProcessesAreOneLineErrors() throws {
        let dir = try TestPaths.scratchFolder("leaks-errors")
        // Two runs of one script: two processes, two snapshots each.
        for name in ["runa", "runb"] {
            let run = try refgraph(["run", cliFixture("leaks_hostile.py"), "2"], in: dir)
            try #require(run.status == 0, "\(run.stderr)")
            for n in 1...2 {
                try FileManager.default.moveItem(atPath: "\(dir)/hostile-\(n).rgs", toPath: "\(dir)/\(name)-\(n).rgs")
            }
        }
        let one = try refgraph(["leaks", "runa-1.rgs"], in: dir)
        #expect(one.status == 64)
        #expect(one.stderr.contains("'leaks' needs at least two snapshot files of one process, oldest first; 1 given."))

        let reversed = try refgraph(["leaks", "runa-2.rgs", "runa-1.rgs"], in: dir)
        #expect(reversed.status == 1)
        #expect(
            lines(reversed.stderr) == [
                "Error: 'runa-1.rgs' was taken before 'runa-2.rgs'; name the snapshots oldest first."
            ]
        )

        let mixed = try refgraph(["leaks", "runa-1.rgs", "runb-2.rgs"], in: dir)
        #expect(mixed.status == 1)
        #expect(lines(mixed.stderr).count == 1 && mixed.stderr.contains("pass --force to compare them anyway"))
        let forced = try refgraph(["leaks", "runa-1.rgs", "runb-2.rgs", "--force"], in: dir)
        #expect(forced.status == 0 && forced.stderr.contains("comparing anyway (--force)"))

        let wrongOutput = try refgraph(["leaks", "runa-1.rgs", "runa-2.rgs", "--output", "report.png"], in: dir)
        #expect(
            wrongOutput.status == 64 && wrongOutput.stderr.contains("'--output' must end in .html, not 'report.png'.")
        )
    }
}
