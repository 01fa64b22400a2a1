extension HeapReader {
    /// `[i]`: the label of a list's, tuple's or deque's item, made once per index.
    func indexLabel(_ i: Int) -> String {
        if i < indexLabels.count { return indexLabels[i] }
        guard i < 1 << 16 else { return "[\(i)]" }
        while indexLabels.count <= i { indexLabels.append("[\(indexLabels.count)]") }
        return indexLabels[i]
    }

    /// The labels (`.name`, the first 40 characters) of the values of a class's shared keys,
    /// in entry order ("" for a key that is not a readable str), read once per keys object:
    /// the memory read does not change during a walk.
    func sharedKeyLabels(_ keys: UInt64) throws(HeapReaderError) -> [String] {
        if let known = sharedKeyLabelCache[keys] { return known }
        let labels = try keyTable(keys).entries.map { (try? string($0.key)).map { "." + String($0.prefix(40)) } ?? "" }
        sharedKeyLabelCache[keys] = labels
        return labels
    }
}
