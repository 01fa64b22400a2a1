extension UInt64 {
    /// `self + other`, or `UInt64.max` when the sum does not fit: byte totals stop at the
    /// largest value instead of wrapping around at 2^64 (a snapshot may record any size).
    ///
    /// - Complexity: O(1).
    @inlinable public func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    /// Adds `other`, stopping at `UInt64.max`.
    @inlinable public mutating func addSaturating(_ other: UInt64) {
        self = addingSaturating(other)
    }

    /// `self - other` as a signed number, clamped to `Int64`'s range.
    ///
    /// - Complexity: O(1).
    @inlinable public func clampedDifference(from other: UInt64) -> Int64 {
        self >= other ? Int64(clamping: self - other) : -Int64(clamping: other - self)
    }
}
