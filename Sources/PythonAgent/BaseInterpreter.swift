import CPython
import Foundation

/// Where the CPython installation behind the linked libpython lives.
///
/// An embedded interpreter with no `executable` searches `PATH` for `python3`, which can
/// find another installation (pyenv's) and load its standard library into this runtime.
/// The linked library's prefix is found by walking up from the library file (as mapped into
/// this process) to the folder holding `lib/pythonX.Y/os.py`.
enum BaseInterpreter {
    /// "3.11" — the version refgraph is built against.
    static let version = "\(PY_MAJOR_VERSION).\(PY_MINOR_VERSION)"

    /// `PREFIX/bin/pythonX.Y` for the linked library, if it exists.
    static let executable: String? = {
        guard let prefix else { return nil }
        let candidate = prefix + "/bin/python" + version
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// The installation prefix of the linked libpython (e.g. `/usr`).
    static let prefix: String? = {
        guard let library = mappedLibrary() else { return nil }
        var directory = URL(fileURLWithPath: library).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.path + "/lib/python\(version)/os.py") {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    /// The path of the libpython mapped into this process, from /proc/self/maps.
    private static func mappedLibrary() -> String? {
        guard let maps = ProcFile.read("/proc/self/maps") else { return nil }
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = line[slash...]
            if path.contains("/libpython\(version)") { return String(path) }
        }
        return nil
    }
}
