import Foundation
import TestSupport

/// The pyenv CPython interpreters the standalone agent supports, one per minor version.
enum Interpreters {
    /// Every minor version the agent must work in.
    static let supported = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

    /// `$PYENV_ROOT`, else what `pyenv root` prints, else `~/.pyenv`.
    static let pyenvRoot: String = {
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["PYENV_ROOT"], !root.isEmpty { return root }
        if let result = try? CommandRunner.run("/usr/bin/env", ["pyenv", "root"], timeout: 30), result.status == 0 {
            let root = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if !root.isEmpty { return root }
        }
        return NSHomeDirectory() + "/.pyenv"
    }()

    /// The newest `versions/MINOR.*/bin/python` under the pyenv root, or nil.
    static func python(_ minor: String) -> String? {
        let folder = pyenvRoot + "/versions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let candidates = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(minor + "."), let patch = Int(name.dropFirst(minor.count + 1)) else { return nil }
            let python = folder + "/" + name + "/bin/python"
            return FileManager.default.isExecutableFile(atPath: python) ? (patch, python) : nil
        }
        return candidates.max { $0.0 < $1.0 }?.1
    }

    /// The interpreter of `minor`, or a thrown error saying how to install it (a test that
    /// needs it fails instead of skipping silently).
    static func require(_ minor: String) throws -> String {
        guard let python = python(minor) else {
            throw MissingInterpreter(minor: minor, root: pyenvRoot)
        }
        return python
    }
}

struct MissingInterpreter: Error, CustomStringConvertible {
    var minor: String
    var root: String
    var description: String {
        "CPython \(minor) is not installed under \(root)/versions; the standalone agent must be tested on it: pyenv install \(minor)"
    }
}
