/// A chain ready to be written as JSON: one entry per object, holder first.
public struct ChainReport: Codable, Sendable, Equatable {
    public struct Link: Codable, Sendable, Equatable {
        /// The object's address in the captured process, as `0x` and lowercase hex digits.
        public var address: String
        /// The qualified type name (`module.qualname`, or the bare name for built-ins).
        public var type: String
        /// The object's safe label ("" for none).
        public var label: String
        /// Shallow size in bytes.
        public var size: UInt64
        /// The name of the reference from the previous object to this one; nil for the
        /// holder, "" for a reference without a name.
        public var edgeLabel: String?

        public init(address: String, type: String, label: String, size: UInt64, edgeLabel: String?) {
            self.address = address
            self.type = type
            self.label = label
            self.size = size
            self.edgeLabel = edgeLabel
        }
    }

    public var links: [Link]

    public init(links: [Link]) { self.links = links }
}

extension HeapIndex {
    /// The chain as a `ChainReport`.
    ///
    /// - Complexity: O(chain length).
    public func report(of chain: ReferenceChain) -> ChainReport {
        ChainReport(links: chain.objects.enumerated().map { i, object in
            ChainReport.Link(
                address: hexAddress(of: object), type: snapshot.type(of: object).qualifiedName,
                label: snapshot.label(of: object), size: snapshot.size(of: object),
                edgeLabel: i == 0 ? nil : snapshot.strings[chain.edgeLabels[i - 1]])
        })
    }
}
