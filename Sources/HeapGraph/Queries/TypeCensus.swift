/// How many objects of each type a snapshot holds and how many bytes they take: objgraph's
/// `show_most_common_types`, with shallow sizes, behind `refgraph top`.
public struct TypeCensus: Sendable {
    /// One type's totals. Distinct classes with one module and qualified name (each call of a
    /// class factory makes one: Django's `lazy()` proxies) are one row.
    public struct Row: Sendable, Equatable {
        /// The type, the first of `types`.
        public var type: TypeID
        /// Every type table entry of the row: more than one when distinct classes share the
        /// module and qualified name.
        public var types: [TypeID]
        /// The type's name as `Snapshot.displayNames()` gives it.
        public var displayName: String
        public var count: Int
        /// The sum of the objects' shallow sizes.
        public var bytes: UInt64

        public init(type: TypeID, displayName: String, count: Int, bytes: UInt64, types: [TypeID]? = nil) {
            self.type = type
            self.types = types ?? [type]
            self.displayName = displayName
            self.count = count
            self.bytes = bytes
        }
    }

    /// Which total the rows are sorted by, largest first.
    public enum Order: Sendable {
        case count, bytes
    }

    /// One row per type present in the snapshot, sorted by the order asked for, descending,
    /// ties broken by `displayName` then `TypeID`, so output is deterministic.
    public var rows: [Row]
    /// The number of objects in the snapshot.
    public var totalCount: Int
    /// The sum of all shallow sizes, stopping at `UInt64.max` like `Snapshot.totalSize`.
    public var totalBytes: UInt64

    /// Counts the snapshot's objects by type.
    ///
    /// Types with no objects get no row.
    /// - Complexity: O(objects + types · log types): one counting pass, then a sort of the types.
    public init(_ snapshot: Snapshot, order: Order = .count) {
        let typeCount = snapshot.types.count
        var counts = [Int](repeating: 0, count: typeCount)
        var bytes = [UInt64](repeating: 0, count: typeCount)
        snapshot.objectTypes.withUnsafeBufferPointer { types in
            snapshot.sizes.withUnsafeBufferPointer { sizes in
                counts.withUnsafeMutableBufferPointer { counts in
                    bytes.withUnsafeMutableBufferPointer { bytes in
                        for i in 0..<types.count {
                            let type = Int(types[i])
                            counts[type] += 1
                            bytes[type].addSaturating(sizes[i])
                        }
                    }
                }
            }
        }
        // Saturation is monotone: the sum of the per-type sums equals the sum over objects.
        let totalBytes = bytes.reduce(UInt64(0)) { $0.addingSaturating($1) }
        let names = snapshot.displayNames()
        var rows: [Row] = []
        var rowOfName: [TypeName: Int] = [:]
        for type in 0..<typeCount where counts[type] > 0 {
            let key = TypeName(snapshot.types[type])
            if let r = rowOfName[key] {
                rows[r].types.append(TypeID(type))
                rows[r].count += counts[type]
                rows[r].bytes.addSaturating(bytes[type])
                continue
            }
            rowOfName[key] = rows.count
            rows.append(Row(type: TypeID(type), displayName: names[type], count: counts[type], bytes: bytes[type]))
        }
        switch order {
        case .count:
            rows.sort { ($1.count, $0.displayName, $0.type) < ($0.count, $1.displayName, $1.type) }
        case .bytes:
            rows.sort { ($1.bytes, $0.displayName, $0.type) < ($0.bytes, $1.displayName, $1.type) }
        }
        self.rows = rows
        self.totalCount = snapshot.objectCount
        self.totalBytes = totalBytes
    }
}
