/// One reference a type's traverse lists from a fixed field of its objects: the field's offset
/// (-1: the 3.11+ dict kept before the object) and the label the agent gives it.
struct TraverseField: Equatable, Sendable {
    var offset: Int
    var label: String
}

extension CPythonLayout {
    /// The calibrated traverse tables of this version (`scripts/layouts/traverse_probes.py`), by
    /// the id that finds the type in a target: `symbol|PyProperty_Type`, `pointer|PyExc_OSError`,
    /// `module|_functools.partial` or `name|_abc._abc_data`; fields in offset order.
    var traverseTables: [String: [TraverseField]] {
        var tables: [String: [TraverseField]] = [:]
        for (key, offset) in allEntries where key.hasPrefix("calibrated:traverse|") {
            let parts = key.dropFirst("calibrated:traverse|".count).split(
                separator: "|",
                omittingEmptySubsequences: false
            )
            guard parts.count == 4 else { continue }
            tables[parts[0] + "|" + parts[1], default: []].append(
                TraverseField(offset: offset, label: String(parts[3]))
            )
        }
        return tables.mapValues { $0.sorted { $0.offset < $1.offset } }
    }

    /// A calibrated entry of the structures behind deque, OrderedDict and the lru_cache wrapper
    /// (`extra|deque|BLOCKLEN`), or nil where this version has none.
    func extra(_ name: String) -> Int? { optional("extra|" + name) }

    /// The exported symbols the traverse tables of every version name.
    static var traverseSymbols: Set<String> {
        var out: Set<String> = []
        for table in generated.values {
            for key in table.keys where key.hasPrefix("calibrated:traverse|") {
                let parts = key.split(separator: "|")
                if parts.count >= 3 && (parts[1] == "symbol" || parts[1] == "pointer") { out.insert(String(parts[2])) }
            }
        }
        return out
    }
}
