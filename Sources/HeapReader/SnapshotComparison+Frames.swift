import HeapGraph

extension SnapshotComparison {
    /// The frames of each thread in both snapshots paired by thread id and depth, counted from
    /// the outermost frame while both run the same function (a thread may have called or
    /// returned between the two snapshots): oracle address → reader address where the two
    /// differ (3.11+, the agent makes frame objects for running frames that the reader records
    /// at their interpreter frames' addresses), and the oracle addresses of every running frame.
    /// - Complexity: O(frames of the threads' chains + their edges).
    static func threadFrames(reader: Snapshot, oracle: Snapshot) -> (aliases: [UInt64: UInt64], running: Set<UInt64>) {
        let ours = chains(reader)
        let theirs = chains(oracle)
        var aliases: [UInt64: UInt64] = [:]
        var running: Set<UInt64> = []
        for (thread, chain) in theirs {
            running.formUnion(chain.map { oracle.address(of: $0) })
            guard let mine = ours[thread] else { continue }
            for (a, b) in zip(chain.reversed(), mine.reversed()) {
                guard oracle.flags(of: a).contains(.frame), reader.flags(of: b).contains(.frame),
                    function(oracle.label(of: a)) == function(reader.label(of: b))
                else { break }
                if oracle.address(of: a) != reader.address(of: b) {
                    aliases[oracle.address(of: a)] = reader.address(of: b)
                }
            }
        }
        return (aliases, running)
    }

    /// `file.py in name` of a frame's label `file.py:12 in name`: where it runs, not its line.
    private static func function(_ label: String) -> String {
        guard let colon = label.firstIndex(of: ":"), let space = label[colon...].firstIndex(of: " ") else {
            return label
        }
        return String(label[..<colon] + label[space...])
    }

    /// Thread id → its frames, innermost first.
    private static func chains(_ snapshot: Snapshot) -> [UInt64: [ObjectID]] {
        var out: [UInt64: [ObjectID]] = [:]
        for root in snapshot.roots where root.kind == .threadFrame {
            var chain: [ObjectID] = []
            var seen: Set<ObjectID> = []
            var frame: ObjectID? = root.object
            while let f = frame, seen.insert(f).inserted {
                chain.append(f)
                frame = nil
                for e in snapshot.edgeRange(of: f)
                where snapshot.strings[StringID(rawValue: snapshot.edgeLabels[e])] == ".f_back" {
                    frame = ObjectID(rawValue: snapshot.edgeTargets[e])
                    break
                }
            }
            out[root.detail] = chain
        }
        return out
    }

    /// Whether the reader's extra reference `key` (`"target label"`) from a frame is the cell of
    /// a local that the oracle recorded by its contents (`f_locals['x'] (cell)` to the cell
    /// against `f_locals['x']` to what the cell holds, as the agent reads 3.13's `f_locals`);
    /// if so, the oracle's reference is taken from `expected`.
    static func cellLocal(
        _ target: UInt64,
        _ key: String,
        reader: Snapshot,
        byAddress: [UInt64: ObjectID],
        expected: inout [String: Int]
    ) -> Bool {
        guard key.hasSuffix(" (cell)"), let label = key.split(separator: " ", maxSplits: 1).last,
            let cell = byAddress[target]
        else { return false }
        let local = label.dropLast(" (cell)".count)
        for e in reader.edgeRange(of: cell)
        where reader.strings[StringID(rawValue: reader.edgeLabels[e])] == ".cell_contents" {
            let contents = "\(reader.addresses[Int(reader.edgeTargets[e])]) \(local)"
            if let n = expected[contents], n > 0 {
                expected[contents] = n - 1
                return true
            }
        }
        return false
    }
}
