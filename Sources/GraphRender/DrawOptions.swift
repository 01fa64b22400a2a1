/// How a subgraph is drawn.
public struct DrawOptions: Sendable, Equatable {
    /// Which way ranks run: referrers above referents (objgraph's default), or left to right.
    public enum RankDirection: String, Sendable, Equatable {
        case topToBottom = "TB"
        case leftToRight = "LR"
    }

    /// Draw each object's address.
    public var showAddresses = false
    /// Draw each object's shallow size.
    public var showSizes = false
    /// Draw each object's reference count after its type, as objgraph's `refcounts=True`.
    public var showRefcounts = false
    /// Retained size of every object of the snapshot, indexed by `ObjectID.index`; drawn when given.
    public var retainedSizes: [UInt64]?
    /// A caption drawn above the graph.
    public var title: String?
    /// The most objects a drawing may have; a bigger subgraph is refused with a
    /// `GraphRenderError` that advises lowering `--max-depth` or `--too-many`.
    public var maxNodes = 500
    public var rankDirection = RankDirection.topToBottom

    public init(
        showAddresses: Bool = false,
        showSizes: Bool = false,
        showRefcounts: Bool = false,
        retainedSizes: [UInt64]? = nil,
        title: String? = nil,
        maxNodes: Int = 500,
        rankDirection: RankDirection = .topToBottom
    ) {
        self.showAddresses = showAddresses
        self.showSizes = showSizes
        self.showRefcounts = showRefcounts
        self.retainedSizes = retainedSizes
        self.title = title
        self.maxNodes = maxNodes
        self.rankDirection = rankDirection
    }
}
