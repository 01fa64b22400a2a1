import Foundation

/// A virtual environment to run a script in (`--python-env DIR` or `VIRTUAL_ENV`), read from
/// its `pyvenv.cfg`.
///
/// A venv made by the same Python the runtime embeds (its `home` is that Python's `bin`)
/// is entered fully: the config's `executable` becomes `DIR/bin/python`, so `sys.prefix`
/// is the venv. A venv of another installation of the same minor version (pyenv's, say)
/// only lends its site-packages, because its standard library does not match the
/// embedded runtime. Another minor version cannot work in-process at all.
struct PythonEnvironment: Equatable, Sendable {
    /// The venv directory as given.
    var directory: String
    /// `major.minor` of the venv's Python.
    var version: String
    /// Set as the config's `executable` (same installation), or nil.
    var configExecutable: String?
    /// Added with `site.addsitedir` after start-up (other installation), or nil.
    var sitePackagesToAdd: String?

    /// Reads `directory/pyvenv.cfg` and decides how to enter the venv.
    ///
    /// - Throws: `PythonAgentError` (`.pythonEnvironment`) naming the directory if it is
    ///   missing, has no readable `pyvenv.cfg`, or is of another Python version than
    ///   `embeddedVersion`.
    init(
        directory: String,
        embeddedVersion: String = BaseInterpreter.version,
        embeddedExecutable: String? = BaseInterpreter.executable
    ) throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PythonAgentError(
                .pythonEnvironment,
                "The Python environment '\(directory)' does not exist or is not a directory."
            )
        }
        let cfgPath = (directory as NSString).appendingPathComponent("pyvenv.cfg")
        guard let text = try? String(contentsOfFile: cfgPath, encoding: .utf8) else {
            throw PythonAgentError(
                .pythonEnvironment,
                "'\(directory)' is not a virtual environment: it has no readable pyvenv.cfg."
            )
        }
        let values = Self.parse(text)
        let fullVersion = values["version_info"] ?? values["version"]
        guard let fullVersion, let version = Self.majorMinor(fullVersion) else {
            throw PythonAgentError(
                .pythonEnvironment,
                "'\(cfgPath)' names no Python version (no 'version' or 'version_info' line)."
            )
        }
        self.version = version
        guard version == embeddedVersion else {
            let suggestion =
                (directory as NSString).standardizingPath.trimmingTrailingSlashes + "-"
                + embeddedVersion.replacingOccurrences(of: ".", with: "")
            throw PythonAgentError(
                .pythonEnvironment,
                "'\(directory)' is a Python \(version) virtual environment but refgraph embeds Python \(embeddedVersion); make a compatible one with: /usr/bin/python\(embeddedVersion) -m venv \(suggestion) (or use the refgraph_agent module inside your own interpreter)."
            )
        }
        let home = values["home"].map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        let embeddedHome = embeddedExecutable.map {
            URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent().path
        }
        let venvPython = (directory as NSString).appendingPathComponent("bin/python")
        if let home, home == embeddedHome, FileManager.default.fileExists(atPath: venvPython) {
            configExecutable = (venvPython as NSString).standardizingPath
            sitePackagesToAdd = nil
        } else {
            configExecutable = nil
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            sitePackagesToAdd = absolute + "/lib/python\(version)/site-packages"
        }
    }

    /// The environment named by `--python-env`, else `VIRTUAL_ENV`, else none.
    static func resolve(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PythonEnvironment? {
        if let option { return try PythonEnvironment(directory: option) }
        if let fromEnvironment = environment["VIRTUAL_ENV"], !fromEnvironment.isEmpty {
            return try PythonEnvironment(directory: fromEnvironment)
        }
        return nil
    }

    /// `key = value` lines of a pyvenv.cfg, keys lower-cased.
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { values[key] = value }
        }
        return values
    }

    /// "3.11" from "3.11.2" or "3.11.7.final.0"; nil if it does not start with two numbers.
    static func majorMinor(_ version: String) -> String? {
        let parts = version.split(separator: ".")
        guard parts.count >= 2, Int(parts[0]) != nil, Int(parts[1]) != nil else { return nil }
        return "\(parts[0]).\(parts[1])"
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var s = self
        while s.count > 1, s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
