import Foundation
import TestSupport
import Testing

/// `refgraph leaks` on programs built on real libraries (Fixtures/leaks: Flask, SQLAlchemy,
/// Django, logging, requests with `lru_cache`, aiohttp), each run under `refgraph run` with
/// the test virtualenv and snapshotting itself three times. Each leaks; run with `--control`
/// each does the same work without the leak. The culprit must come first, every culprit must
/// be in the default top 10, at most one suspect may be neither a culprit nor a direct
/// consequence of one (a library's registry of every handler or task), and a control must
/// give no suspect. The same holds for snapshots `refgraph attach` reads from outside.
@Suite(.serialized) struct RealLibraryLeakTests {
    /// What one program's report must say.
    struct Expectation: CustomTestStringConvertible, Sendable {
        var script: String
        var snapshots: String
        /// The name of the first suspect.
        var first: String
        /// Names (or prefixes ending in "*") of other culprits, which must be in the top 10,
        /// found as a suspect's name or among the containers it keeps its objects in (`via`).
        var culprits: [String] = []
        /// Names (or prefixes ending in "*") of direct consequences, which may appear.
        var consequences: [String] = []
        var testDescription: String { script }
    }

    static let programs: [Expectation] = [
        Expectation(script: "flask_history.py", snapshots: "flask", first: "__main__.debug_history"),
        Expectation(
            script: "sqlalchemy_audit.py",
            snapshots: "sqlalchemy",
            first: "__main__.engine.dispatch.before_cursor_execute.listeners",
            culprits: ["__main__.customer_cache[*"],
            consequences: ["sqlalchemy.event.registry*"]
        ),
        Expectation(script: "django_debug.py", snapshots: "django", first: "__main__.c.db.queries_log"),
        Expectation(
            script: "logging_handlers.py",
            snapshots: "logging",
            first: "__main__.log.handlers",
            consequences: ["logging._at_fork_reinit_lock_weakset.data", "logging._handlerList"]
        ),
        Expectation(script: "requests_lru.py", snapshots: "requests", first: "(the cache of ApiClient.endpoint)"),
        Expectation(
            script: "aiohttp_tasks.py",
            snapshots: "aiohttp",
            first: "__main__.background_tasks",
            consequences: ["_asyncio._all_tasks.data"]
        ),
    ]

    /// A scratch folder holding the leak programs.
    private func programFolder(_ name: String) throws -> String {
        let source = TestPaths.packageRoot + "/Tests/RefgraphCLITests/Fixtures/leaks"
        let dir = try TestPaths.scratchFolder("real-leaks-" + name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".py") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: dir + "/" + file)
        }
        return dir
    }

    /// `refgraph leaks --json` over `snapshots` in `dir`.
    private func leaks(_ snapshots: [String], in dir: String) throws -> [String: Any] {
        let leaks = try refgraph(["leaks"] + snapshots + ["--json"], in: dir, timeout: 600)
        try #require(leaks.status == 0, "\(leaks.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(leaks.stdout.utf8)) as? [String: Any])
    }

    /// The services issue 16 checks the outside read on.
    static let outsidePrograms = programs.filter {
        ["flask", "sqlalchemy", "django", "aiohttp"].contains($0.snapshots)
    }

    /// Runs `program` (with `--control` when asked) under `refgraph run`; returns the report.
    private func report(_ program: Expectation, control: Bool) throws -> [String: Any] {
        let venv = try Interpreters.requireTestVirtualenv()
        let dir = try programFolder(program.snapshots + (control ? "-control" : ""))
        let run = try refgraph(
            ["run", "--python-env", venv, program.script] + (control ? ["--control"] : []),
            in: dir,
            timeout: 600
        )
        try #require(run.status == 0, "\(run.stderr)")
        return try leaks((1...3).map { "\(program.snapshots)-\($0).rgs" }, in: dir)
    }

    /// Runs `program` under the virtualenv's own python with `--pause`: after each of its
    /// agent snapshots, `refgraph attach` reads it from outside in the same state. Returns
    /// the folder, with NAME-K.rgs from the agent and NAME-outside-K.rgs from outside.
    private func snapshotsBothWays(_ program: Expectation, control: Bool) throws -> String {
        let venv = try Interpreters.requireTestVirtualenv()
        let dir = try programFolder(program.snapshots + "-both" + (control ? "-control" : ""))
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = TestPaths.packageRoot + "/Sources/PythonAgent/Resources"
        let target = try TestProcess(
            venv + "/bin/python",
            [program.script, "--pause"] + (control ? ["--control"] : []),
            in: dir,
            environment: environment,
            input: true
        )
        defer { target.end(signal: SIGKILL) }
        for k in 1...3 {
            _ = try target.nextLine(startingWith: "paused \(k)", timeout: 600)
            let attach = try refgraph(
                ["attach", String(target.pid), "--snapshot", "\(program.snapshots)-outside-\(k).rgs"],
                in: dir,
                timeout: 600
            )
            try #require(attach.status == 0, "\(attach.stderr)")
            try target.writeLine("")
        }
        #expect(target.wait(timeout: 600) == 0, "\(target.stderr)")
        return dir
    }

    private func matches(_ name: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? name.hasPrefix(String(pattern.dropLast())) : name == pattern
    }

    /// The suspects of a `leaks --json` report.
    private func suspects(_ report: [String: Any]) throws -> [[String: Any]] {
        try #require(report["suspects"] as? [[String: Any]])
    }

    /// The culprit first, every culprit in the top 10, at most one suspect unexplained.
    private func expectCulprits(_ suspects: [[String: Any]], _ program: Expectation, _ source: String) {
        let names = suspects.map { $0["name"] as? String ?? "" }
        #expect(names.first == program.first, "\(source): \(names)")
        for culprit in program.culprits {
            let found = suspects.contains { suspect in
                matches(suspect["name"] as? String ?? "", culprit)
                    || ((suspect["via"] as? [[String: Any]]) ?? []).contains {
                        matches($0["name"] as? String ?? "", culprit)
                    }
            }
            #expect(found, "\(source): \(culprit) not among \(names)")
        }
        let known = [program.first] + program.culprits + program.consequences
        let others = suspects.filter { suspect in
            let name = suspect["name"] as? String ?? ""
            let via = ((suspect["via"] as? [[String: Any]]) ?? []).map { $0["name"] as? String ?? "" }
            return !([name] + via).contains { n in known.contains { matches(n, $0) } }
        }
        #expect(others.count <= 1, "\(source): \(names)")
    }

    @Test(arguments: programs)
    func theCulpritComesFirstAndLittleElseIsNamed(program: Expectation) throws {
        expectCulprits(try suspects(try report(program, control: false)), program, "refgraph run")
    }

    /// The four services issue 16 names, read from outside: `leaks` names the same culprits
    /// from those snapshots as from the agent's of the same states, and `top` gives the same
    /// leading types with counts within 1 % (the outside read also sees the paused thread's
    /// frames and what only they hold; the agent leaves its own objects out).
    @Test(arguments: outsidePrograms)
    func snapshotsReadFromOutsideGiveTheSameAnswers(program: Expectation) throws {
        let dir = try snapshotsBothWays(program, control: false)
        let outside = try suspects(try leaks((1...3).map { "\(program.snapshots)-outside-\($0).rgs" }, in: dir))
        expectCulprits(outside, program, "from outside")
        let agent = try suspects(try leaks((1...3).map { "\(program.snapshots)-\($0).rgs" }, in: dir))
        expectCulprits(agent, program, "agent")
        let top = { (file: String) throws -> [String: Int] in
            let result = try refgraph(["top", file, "--json", "--limit", "12"], in: dir)
            try #require(result.status == 0, "\(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let rows = try #require(json?["rows"] as? [[String: Any]])
            return Dictionary(rows.map { ($0["qualifiedName"] as? String ?? "", $0["count"] as? Int ?? 0) }) { a, _ in a
            }
        }
        let fromOutside = try top("\(program.snapshots)-outside-3.rgs")
        let fromAgent = try top("\(program.snapshots)-3.rgs")
        for (type, count) in fromAgent.sorted(by: { $0.value > $1.value }).prefix(8) {
            let other = try #require(fromOutside[type], "\(type) not in the outside top: \(fromOutside)")
            #expect(abs(other - count) * 100 <= count, "\(type): \(other) from outside, \(count) by the agent")
        }
    }

    @Test(arguments: outsidePrograms)
    func theControlReadFromOutsideIsQuiet(program: Expectation) throws {
        let dir = try snapshotsBothWays(program, control: true)
        let outside = try suspects(try leaks((1...3).map { "\(program.snapshots)-outside-\($0).rgs" }, in: dir))
        #expect(outside.isEmpty, "\(outside.map { $0["name"] as? String ?? "" })")
    }

    @Test(arguments: programs)
    func theControlIsQuiet(program: Expectation) throws {
        let suspects = try #require(try report(program, control: true)["suspects"] as? [[String: Any]])
        #expect(suspects.isEmpty, "\(suspects.map { $0["name"] as? String ?? "" })")
    }
}
