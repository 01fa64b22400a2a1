import Foundation

/// Default file names for snapshots.
enum SnapshotPaths {
    /// `examples/leaky.py` → `leaky.rgs`, in the current folder.
    static func `default`(forScript script: String) -> String {
        let file = script.split(separator: "/").last.map(String.init) ?? script
        let stem = file.hasSuffix(".py") ? String(file.dropLast(3)) : file
        return (stem.isEmpty ? "snapshot" : stem) + ".rgs"
    }

    /// `refgraph-4242-20260101-120000.rgs` (UTC), in the current folder.
    static func `default`(forProcess pid: Int32, at date: Date) -> String {
        "refgraph-\(pid)-\(stamp(date)).rgs"
    }

    /// `refgraph-core-4242-20260101-120000.rgs`: the pid in the core and when it was written
    /// (UTC), in the current folder.
    static func `default`(forCore pid: Int32, at date: Date) -> String {
        "refgraph-core-\(pid)-\(stamp(date)).rgs"
    }

    /// `20260101-120000`, UTC.
    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
