import ResourceLookup

/// The Python files of `refgraph attach`, kept as resource files of this target
/// (`Sources/ProcessAttach/Resources/`) so Python tools can read and lint them:
/// - `attach_gdb.py`, run by gdb's embedded Python (`gdb -batch -nx -x`), which attaches,
///   schedules the loader with `Py_AddPendingCall` and detaches;
/// - `loader.py`, a template the gdb script fills in (its three `__REFGRAPH_*__` names) and
///   the target's main thread runs; its first line is the bootstrap's `LOADER_MARK`;
/// - `bootstrap.py`, the module the loader keeps in the target, which takes the snapshot with
///   the standalone agent and writes it into the private folder.
/// Each is copied into the private folder under its own name.
enum AttachScripts {
    static let names = ["attach_gdb.py", "loader.py", "bootstrap.py"]

    /// The scripts' texts, by name, read from the resource bundle.
    static func load() throws(AttachError) -> [(name: String, text: String)] {
        do throws(ResourceBundle.Missing) {
            let bundle = try ResourceBundle.of(target: "ProcessAttach")
            var scripts: [(name: String, text: String)] = []
            for name in names { scripts.append((name, try bundle.text(name))) }
            return scripts
        } catch {
            throw AttachError(.injectionFailed, "refgraph attach cannot find its scripts: \(error)")
        }
    }
}
