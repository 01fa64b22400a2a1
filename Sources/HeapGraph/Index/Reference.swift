/// One reference seen from one end: the object at the other end and the edge's name.
public struct Reference: Hashable, Sendable {
    /// The referent (when listing what an object refers to) or the referrer (when listing
    /// what refers to an object).
    public var object: ObjectID
    /// The edge's name (`StringID.empty` for none).
    public var label: StringID
    /// The edge's position in `Snapshot.edgeTargets`/`edgeLabels`.
    public var edge: Int

    public init(object: ObjectID, label: StringID, edge: Int) {
        self.object = object
        self.label = label
        self.edge = edge
    }
}
