/// Byte counts as people read them, the same on every machine and locale.
public enum ByteCountFormat {
    /// `512 B`, `1.5 KiB`, `12.0 MiB`: bytes below 1 KiB exactly, larger counts in binary units
    /// with one decimal. `UInt64.max`, where byte totals stop rather than wrap around, is
    /// `≥ 16.0 EiB`.
    public static func string(_ bytes: UInt64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes == .max { return "≥ 16.0 EiB" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1023.95, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
