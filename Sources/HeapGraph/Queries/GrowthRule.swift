/// When a series of measurements taken over time (object counts, retained bytes) counts as
/// growing, robustly enough for heaps, where collections and caches make counts wobble.
public enum GrowthRule {
    /// Whether `values` (oldest first) keeps growing: the last value is at least `minimum`
    /// above the first, at least half of the steps rise, the last step rises (a bounded cache
    /// that filled up and then stayed full has stopped growing), and no step falls by more
    /// than a tenth of the overall growth. With two values: the second is at least `minimum`
    /// above the first.
    ///
    /// - Complexity: O(values).
    public static func keepsGrowing(_ values: [Int64], minimum: Int64) -> Bool {
        guard values.count >= 2 else { return false }
        let growth = values[values.count - 1] &- values[0]
        guard growth >= max(1, minimum) else { return false }
        let tolerance = growth / 10
        var rises = 0
        for i in 1..<values.count {
            let step = values[i] &- values[i - 1]
            if step < -tolerance { return false }
            if step > 0 { rises += 1 }
        }
        guard values[values.count - 1] > values[values.count - 2] else { return false }
        return 2 * rises >= values.count - 1
    }
}
