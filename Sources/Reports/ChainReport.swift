import HeapGraph

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
        ChainReport(
            links: chain.objects.enumerated().map { i, object in
                var link = objectReport(of: object)
                link.edgeLabel = i == 0 ? nil : snapshot.strings[chain.edgeLabels[i - 1]]
                return link
            }
        )
    }
}

/// The JSON document of `refgraph chain --json`.
package struct ChainResultReport: Encodable {
    var found: Bool
    var links: [ChainReport.Link]
    var holders: [ChainReport.Link]

    package init(_ result: ChainResult, index: HeapIndex) {
        switch result {
        case let .found(chain):
            found = true
            links = index.report(of: chain).links
            holders = []
        case let .unreachable(target, holders):
            found = false
            links = [index.objectReport(of: target)]
            self.holders = holders.map(index.objectReport(of:))
        }
    }
}
