import Foundation

/// The Python interpreters and tools the tests run, found in one place.
///
/// One policy when one is missing: the test that needs it fails, with a message naming what is
/// missing and `scripts/install-deps`, which installs it (Debian's packages and the test
/// virtualenv always, pyenv's versions where pyenv can fetch them). A skipped test would pass
/// a run that never checked what it is there to check.
public enum Interpreters {
    /// Every minor version the agent and attach must work in.
    public static let supported = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

    /// Debian's statically linked, stripped python3.11 (the one refgraph embeds the library of).
    public static let debianPython311 = "/usr/bin/python3.11"

    /// `$PYENV_ROOT`, else what `pyenv root` prints, else `~/.pyenv`.
    public static let pyenvRoot: String = {
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["PYENV_ROOT"], !root.isEmpty { return root }
        if let result = try? CommandRunner.run("/usr/bin/env", ["pyenv", "root"], timeout: 30), result.status == 0 {
            let root = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if !root.isEmpty { return root }
        }
        return NSHomeDirectory() + "/.pyenv"
    }()

    /// pyenv's interpreter of `minor` (`"3.11"`): `versions/MINOR.PATCH/bin/pythonMINOR` with
    /// the highest patch number (compared as numbers: 3.8.10 is newer than 3.8.9), or nil.
    public static func pyenvPython(_ minor: String) -> String? {
        let folder = pyenvRoot + "/versions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let candidates = names.compactMap { name -> (patch: Int, python: String)? in
            guard name.hasPrefix(minor + "."), let patch = Int(name.dropFirst(minor.count + 1)) else { return nil }
            let python = "\(folder)/\(name)/bin/python\(minor)"
            return FileManager.default.isExecutableFile(atPath: python) ? (patch, python) : nil
        }
        return candidates.max { $0.patch < $1.patch }?.python
    }

    /// pyenv's interpreter of `minor`, or an error naming `scripts/install-deps`.
    public static func require(_ minor: String) throws -> String {
        guard let python = pyenvPython(minor) else {
            throw MissingRequirement("CPython \(minor) is not installed under \(pyenvRoot)/versions")
        }
        return python
    }

    /// `path` if it is an executable file, or an error naming `scripts/install-deps`.
    public static func requireExecutable(_ path: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingRequirement("\(path) is not installed")
        }
        return path
    }

    /// The test virtualenv with objgraph (`REFGRAPH_TEST_VENV`, else the package's
    /// `.venv-test`), or an error naming `scripts/install-deps`.
    public static func requireTestVirtualenv() throws -> String {
        let venv = ProcessInfo.processInfo.environment["REFGRAPH_TEST_VENV"] ?? TestPaths.packageRoot + "/.venv-test"
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/python") else {
            throw MissingRequirement("the test virtualenv \(venv) with objgraph is not there")
        }
        return venv
    }
}

/// An interpreter or tool a test needs and cannot find.
public struct MissingRequirement: Error, CustomStringConvertible {
    public var description: String
    public init(_ what: String) {
        description = "\(what); run scripts/install-deps, which installs what the tests need."
    }
}
