/// A chain ready to be written as JSON: one entry per object, holder first.
public struct ChainReport: Codable, Sendable, Equatable {
    /// One object of the chain, with the name of the reference that leads to it.
    public typealias Link = ObjectReport

    public var links: [Link]

    public init(links: [Link]) { self.links = links }
}

extension HeapIndex {
    /// The chain as a `ChainReport`.
    ///
    /// - Complexity: O(chain length).
    public func report(of chain: ReferenceChain) -> ChainReport {
        ChainReport(links: chain.objects.enumerated().map { i, object in
            var link = objectReport(of: object)
            link.edgeLabel = i == 0 ? nil : snapshot.strings[chain.edgeLabels[i - 1]]
            return link
        })
    }
}
