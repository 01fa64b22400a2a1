extension Snapshot {
    /// The snapshot with the values it records left out, for reports meant to be shared: a
    /// heap's strings hold request bodies, header values and tokens. The label of every `str`,
    /// `bytes` and `bytearray` becomes its size (`<value left out, 57 bytes>`), and every
    /// reference named by a dict key that is not an identifier becomes `['…']` (`['Bearer
    /// eyJ…']` tells a token; `['results']` names an attribute and stays). Types, sizes and
    /// the graph are unchanged, so every figure stays the same.
    ///
    /// - Complexity: O(objects + edges + strings).
    public func withValuesLeftOut() -> Snapshot {
        var copy = self
        var added: [String: UInt32] = [:]
        func intern(_ text: String) -> UInt32 {
            if let id = added[text] { return id }
            let id = copy.strings.append(text.utf8).rawValue
            added[text] = id
            return id
        }
        let isValue = types.map { type in
            (type.module == "builtins" || type.module.isEmpty) && ["str", "bytes", "bytearray"].contains(type.name)
        }
        for object in 0..<objectCount where labels[object] != 0 && isValue[Int(objectTypes[object])] {
            copy.labels[object] = intern("<value left out, \(sizes[object]) bytes>")
        }
        var edgeLabelOf: [UInt32: UInt32] = [:]
        for edge in 0..<edgeLabels.count where edgeLabels[edge] != 0 {
            let label = edgeLabels[edge]
            if let replaced = edgeLabelOf[label] {
                copy.edgeLabels[edge] = replaced
                continue
            }
            let text = strings[StringID(rawValue: label)]
            var replaced = label
            if text.hasPrefix("['") || text.hasPrefix("[\"") || text.hasPrefix("[b'") {
                let key = text.dropFirst(2).dropLast(2)
                if !key.isPythonIdentifier { replaced = intern("['…']") }
            }
            edgeLabelOf[label] = replaced
            copy.edgeLabels[edge] = replaced
        }
        return copy
    }
}
