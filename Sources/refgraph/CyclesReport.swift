import HeapGraph

/// The JSON document `refgraph cycles --json` prints.
struct CyclesReport: Encodable {
    struct TypeShare: Encodable {
        var type: String
        var qualifiedName: String
        var count: Int
        var bytes: UInt64
    }

    struct Cycle: Encodable {
        var objects: Int
        var bytes: UInt64
        var types: [TypeShare]
        /// A shortest cycle, starting and ending at the same object.
        var shortestCycle: [ChainReport.Link]?
        /// Addresses of the chosen objects in this cycle (with a selection).
        var chosen: [String]?
    }

    var snapshot: String
    /// How many cycles qualify, before `--limit`.
    var count: Int
    var cycles: [Cycle]
    /// With a selection: the chosen objects that are in no listed cycle.
    var chosenOutsideCycles: Int?

    init(_ listing: CyclesListing, path: String) {
        let index = listing.index
        let names = index.snapshot.displayNames()
        snapshot = path
        count = listing.all.count
        cycles = listing.entries.map { entry in
            Cycle(
                objects: entry.summary.objectCount, bytes: entry.summary.bytes,
                types: entry.summary.types.map {
                    TypeShare(type: names[$0.type.index], qualifiedName: index.snapshot.types[$0.type.index].qualifiedName,
                              count: $0.count, bytes: $0.bytes)
                },
                shortestCycle: entry.cycle.map { index.report(of: $0).links },
                chosen: listing.selection == nil ? nil : entry.chosen.map { index.hexAddress(of: $0) })
        }
        chosenOutsideCycles = listing.selection == nil ? nil : listing.chosenOutsideCycles
    }
}
