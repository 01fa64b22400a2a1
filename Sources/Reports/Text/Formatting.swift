/// Number formats shared by every text view: the CLI's tables and the reports of GraphRender.
public enum Formatting {
    /// `1234567` → `1,234,567`.
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// Seconds with two decimals, or milliseconds below a tenth of a second; a value that is
    /// not finite as `nan s`, `inf s` or `-inf s`.
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "\(value) s" }
        return value.magnitude < 0.1 ? fixed(value * 1000, places: 1) + " ms" : fixed(value, places: 2) + " s"
    }

    /// A number with a fixed count of decimals, without Foundation. A value whose digits
    /// would not fit an `Int` (beyond about 10^15 with two decimals) is written as Swift
    /// writes a `Double` (`1e+300`), and one that is not finite as `nan`, `inf` or `-inf`.
    public static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 1e18 else { return "\(value)" }
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        if places == 0 { return sign + "\(whole)" }
        let digits = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: max(0, places - digits.count)) + digits
    }
}
