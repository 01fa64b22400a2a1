extension StronglyConnectedComponents {
    /// The components that are cycles with at least `minSize` objects, largest first: by
    /// object count, then by bytes, then by lowest object number.
    ///
    /// - Complexity: O(objects + c log c) for c such components.
    public func cycles(minSize: Int, in index: HeapIndex) -> [Int] {
        let bytes = componentBytes(in: index)
        var result = (0..<count).filter { isCycle[$0] && size(of: $0) >= minSize }
        result.sort { a, b in
            let (sa, sb) = (size(of: a), size(of: b))
            if sa != sb { return sa > sb }
            if bytes[a] != bytes[b] { return bytes[a] > bytes[b] }
            return members[Int(offsets[a])] < members[Int(offsets[b])]
        }
        return result
    }

    /// The sum of the shallow sizes of each component's objects.
    ///
    /// - Complexity: O(objects).
    public func componentBytes(in index: HeapIndex) -> [UInt64] {
        var bytes = [UInt64](repeating: 0, count: count)
        for (object, size) in index.snapshot.sizes.enumerated() { bytes[Int(componentOf[object])].addSaturating(size) }
        return bytes
    }
}
