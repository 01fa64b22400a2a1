/// Default file names for snapshots.
enum SnapshotPaths {
    /// `examples/leaky.py` → `leaky.rgs`, in the current folder.
    static func `default`(forScript script: String) -> String {
        let file = script.split(separator: "/").last.map(String.init) ?? script
        let stem = file.hasSuffix(".py") ? String(file.dropLast(3)) : file
        return (stem.isEmpty ? "snapshot" : stem) + ".rgs"
    }
}
