import HeapGraph

/// The JSON document `refgraph cycles --json` prints.
package struct CyclesReport: Encodable {
    struct Cycle: Encodable {
        var objects: Int
        var bytes: UInt64
        var types: [TypeRowJSON]
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

    package init(_ listing: CyclesListing, path: String) {
        let index = listing.index
        let names = index.snapshot.displayNames()
        snapshot = path
        count = listing.all.count
        cycles = listing.entries.map { entry in
            Cycle(
                objects: entry.summary.objectCount,
                bytes: entry.summary.bytes,
                types: entry.summary.types.map {
                    TypeRowJSON($0.type, names: names, in: index.snapshot, count: $0.count, bytes: $0.bytes)
                },
                shortestCycle: entry.cycle.map { index.report(of: $0).links },
                chosen: listing.selection == nil ? nil : entry.chosen.map { index.hexAddress(of: $0) }
            )
        }
        chosenOutsideCycles = listing.selection == nil ? nil : listing.chosenOutsideCycles
    }
}
