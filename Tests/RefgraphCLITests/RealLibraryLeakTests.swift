import Foundation
import TestSupport
import Testing

/// `refgraph leaks` on programs built on real libraries (Fixtures/leaks: Flask, SQLAlchemy,
/// Django, logging, requests with `lru_cache`, aiohttp), each run under `refgraph run` with
/// the test virtualenv and snapshotting itself three times. Each leaks; run with `--control`
/// each does the same work without the leak. The culprit must come first, every culprit must
/// be in the default top 10, at most one suspect may be neither a culprit nor a direct
/// consequence of one (a library's registry of every handler or task), and a control must
/// give no suspect.
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

    /// Runs `program` (with `--control` when asked) in a scratch folder; returns the report.
    private func report(_ program: Expectation, control: Bool) throws -> [String: Any] {
        let venv = try Interpreters.requireTestVirtualenv()
        let source = TestPaths.packageRoot + "/Tests/RefgraphCLITests/Fixtures/leaks"
        let dir = try TestPaths.scratchFolder("real-leaks-" + program.snapshots + (control ? "-control" : ""))
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".py") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: dir + "/" + file)
        }
        let run = try refgraph(
            ["run", "--python-env", venv, program.script] + (control ? ["--control"] : []),
            in: dir,
            timeout: 600
        )
        try #require(run.status == 0, "\(run.stderr)")
        let snapshots = (1...3).map { "\(program.snapshots)-\($0).rgs" }
        let leaks = try refgraph(["leaks"] + snapshots + ["--json"], in: dir, timeout: 600)
        try #require(leaks.status == 0, "\(leaks.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(leaks.stdout.utf8)) as? [String: Any])
    }

    private func matches(_ name: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? name.hasPrefix(String(pattern.dropLast())) : name == pattern
    }

    @Test(arguments: programs)
    func theCulpritComesFirstAndLittleElseIsNamed(program: Expectation) throws {
        let suspects = try #require(try report(program, control: false)["suspects"] as? [[String: Any]])
        let names = suspects.map { $0["name"] as? String ?? "" }
        #expect(names.first == program.first, "\(names)")
        for culprit in program.culprits {
            let found = suspects.contains { suspect in
                matches(suspect["name"] as? String ?? "", culprit)
                    || ((suspect["via"] as? [[String: Any]]) ?? []).contains {
                        matches($0["name"] as? String ?? "", culprit)
                    }
            }
            #expect(found, "\(culprit) not among \(names)")
        }
        let known = [program.first] + program.culprits + program.consequences
        let others = suspects.filter { suspect in
            let name = suspect["name"] as? String ?? ""
            let via = ((suspect["via"] as? [[String: Any]]) ?? []).map { $0["name"] as? String ?? "" }
            return !([name] + via).contains { n in known.contains { matches(n, $0) } }
        }
        #expect(others.count <= 1, "\(names)")
    }

    @Test(arguments: programs)
    func theControlIsQuiet(program: Expectation) throws {
        let suspects = try #require(try report(program, control: true)["suspects"] as? [[String: Any]])
        #expect(suspects.isEmpty, "\(suspects.map { $0["name"] as? String ?? "" })")
    }
}
