import HeapGraph

/// What the walk found, before the snapshot is built: the objects read, in the order read
/// (their ids), and their references as positions in the walk's queue, which are resolved to
/// ids through `recordOfPosition` once every object has been read (an object that could not be
/// read has no record).
struct WalkResult {
    /// The objects read; their `references` are moved to `edges`.
    var records: [ObjectRecord] = []
    /// Per position in the queue: the index of its record, or -1 when it could not be read.
    var recordOfPosition: [Int] = []
    /// Every reference in order: (index of the source record, queue position of the target, label).
    var edges: [(source: Int, target: Int, label: String)] = []
    /// Every object found, by address: its position in the queue.
    var index = AddressIndex()

    /// An empty result with room for about `expectedObjects` objects.
    init(expectedObjects: Int) {
        records.reserveCapacity(expectedObjects)
        recordOfPosition.reserveCapacity(expectedObjects)
        edges.reserveCapacity(expectedObjects * 2)
    }

    /// The id of the object at `address`, if it was found and read.
    func object(at address: UInt64) -> ObjectID? {
        guard let position = index[address], position < recordOfPosition.count else { return nil }
        let record = recordOfPosition[position]
        return record >= 0 ? ObjectID(record) : nil
    }
}
