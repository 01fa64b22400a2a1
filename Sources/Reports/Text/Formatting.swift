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

    /// Seconds with two decimals, or milliseconds below a tenth of a second.
    public static func seconds(_ value: Double) -> String {
        value < 0.1 ? fixed(value * 1000, places: 1) + " ms" : fixed(value, places: 2) + " s"
    }

    /// A non-negative number with a fixed count of decimals, without Foundation.
    public static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        if places == 0 { return "\(whole)" }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: max(0, places - digits.count)) + digits
    }
}
