extension RandomAccessCollection where Index == Int {
    /// The index of the last element whose start is at most `address`, in a collection sorted
    /// by start (memory regions, core segments), or nil if every start is above it.
    /// - Complexity: O(log n).
    func lastIndex(startingAtOrBefore address: UInt64, start: (Element) -> UInt64) -> Int? {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if start(self[middle]) <= address { low = middle + 1 } else { high = middle }
        }
        return low > startIndex ? low - 1 : nil
    }
}
