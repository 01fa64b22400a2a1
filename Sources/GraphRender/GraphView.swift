import HeapGraph
import Reports

/// What `Templates/dot/graph.mustache` draws: every value already escaped for DOT.
///
/// Names are distinct across levels on purpose: mustache looks a missing (nil) name up in the
/// enclosing objects, so a node's nil `notes` must not find another level's `notes`.
struct GraphView {
    struct Node {
        struct Border {
            var color: String
            var width: String
        }

        var id: String
        var typeName: String
        var refcount: String?
        var text: String?
        var details: String?
        var notes: String?
        var shape: String
        var style: String
        var fill: String
        var border: Border?
    }

    /// The note for neighbours a query left out, and the dotted edge tying it to its object.
    struct Cut {
        var cutID: String
        var cutText: String
        var cutFrom: String
        var cutTo: String
    }

    struct Edge {
        var from: String
        var to: String
        var name: String?
        var weight: Int
        var highlighted: Bool
        /// Drawn without pulling the layout: an edge beside a highlighted chain or cycle, so
        /// the highlighted path stays a straight line.
        var beside: Bool
        var weak: Bool
    }

    var rankdir: String
    /// The canvas's largest size in inches (`"200,200"`) and its resolution: drawings up to
    /// that size keep their text at its normal size.
    var maxSize = "\(DotStyle.maxCanvasInches),\(DotStyle.maxCanvasInches)"
    var dpi = "\(DotStyle.dpi)"
    var title: String?
    var nodes: [Node]
    var cuts: [Cut]
    var edges: [Edge]
}

extension GraphView {
    init(_ subgraph: Subgraph, in snapshot: Snapshot, options: DrawOptions) {
        if let retained = options.retainedSizes {
            precondition(retained.count == snapshot.objectCount, "retainedSizes needs one entry per object")
        }
        var position: [ObjectID: Int] = [:]
        position.reserveCapacity(subgraph.nodes.count)
        for (index, node) in subgraph.nodes.enumerated() where position[node] == nil {
            position[node] = index
        }
        let nodeID = { (index: Int) in "o\(index)" }

        var selected = [Bool](repeating: false, count: subgraph.nodes.count)
        for object in subgraph.selected {
            if let index = position[object] { selected[index] = true }
        }
        let roots = Self.rootNotes(snapshot, position: position, count: subgraph.nodes.count)
        let maxDepth = subgraph.depth.values.max() ?? 0
        let typeNames = snapshot.displayNames()

        var nodes: [Node] = []
        nodes.reserveCapacity(subgraph.nodes.count)
        var cuts: [Cut] = []
        for (index, object) in subgraph.nodes.enumerated() {
            let flags = snapshot.flags(of: object)
            let kind = roots[index].kind ?? (flags.contains(.module) ? .module : .plain)
            var label = snapshot.label(of: object)
            if flags.contains(.labelTruncated), !label.isEmpty, !label.hasSuffix("…") { label += "…" }

            var details: [String] = []
            if options.showAddresses { details.append("0x" + String(snapshot.address(of: object), radix: 16)) }
            if options.showSizes { details.append(ByteCountFormat.string(snapshot.size(of: object))) }
            if let retained = options.retainedSizes {
                details.append("retains " + ByteCountFormat.string(retained[object.index]))
            }
            var notes = roots[index].notes
            if flags.contains(.referencesUnknown) { notes.append("references unknown") }

            let isSelected = selected[index]
            // An empty HTML-like label element (`<B></B>`) is a Graphviz syntax error.
            let typeName = typeNames[snapshot.typeID(of: object).index]
            nodes.append(
                Node(
                    id: nodeID(index),
                    typeName: DotText.label(
                        typeName.isEmpty ? "(no name)" : typeName,
                        maxCharacters: DotStyle.maxTypeName
                    ),
                    refcount: options.showRefcounts ? String(snapshot.refcount(of: object)) : nil,
                    text: label.isEmpty ? nil : DotText.label(label, maxCharacters: DotStyle.maxLabel),
                    details: details.isEmpty ? nil : DotText.escapeMarkup(details.joined(separator: " · ")),
                    notes: notes.isEmpty ? nil : DotText.escapeMarkup(notes.joined(separator: " · ")),
                    shape: DotStyle.shape(kind: kind),
                    style: DotStyle.style(weakReference: flags.contains(.weakReference)),
                    fill: DotStyle.fill(
                        kind: kind,
                        selected: isSelected,
                        depth: subgraph.depth[object] ?? 0,
                        maxDepth: maxDepth
                    ),
                    border: isSelected
                        ? Node.Border(color: DotStyle.selectedBorder.color, width: DotStyle.selectedBorder.width) : nil
                )
            )

            if let count = subgraph.cut[object], count > 0 {
                let cutID = "more_" + nodeID(index)
                let referrers = subgraph.direction == .referrers
                let noun = referrers ? (count == 1 ? "referrer" : "referrers") : (count == 1 ? "referent" : "referents")
                cuts.append(
                    Cut(
                        cutID: cutID,
                        cutText: "+\(count) more \(noun)",
                        cutFrom: referrers ? cutID : nodeID(index),
                        cutTo: referrers ? nodeID(index) : cutID
                    )
                )
            }
        }

        let anyHighlighted = subgraph.edges.contains(where: \.highlighted)
        let edges = subgraph.edges.map { edge -> Edge in
            guard let source = position[edge.source], let target = position[edge.target] else {
                preconditionFailure("subgraph edge \(edge.source) -> \(edge.target) has an end that is not a node")
            }
            let name = snapshot.strings[edge.label]
            return Edge(
                from: nodeID(source),
                to: nodeID(target),
                name: name.isEmpty ? nil : DotText.label(name, maxCharacters: DotStyle.maxEdgeLabel),
                weight: DotStyle.edgeWeight(named: !name.isEmpty, highlighted: edge.highlighted),
                highlighted: edge.highlighted,
                beside: anyHighlighted && !edge.highlighted,
                weak: snapshot.flags(of: edge.source).contains(.weakReference)
            )
        }

        self.init(
            rankdir: options.rankDirection.rawValue,
            title: options.title.flatMap { $0.isEmpty ? nil : DotText.label($0, maxCharacters: DotStyle.maxTitle) },
            nodes: nodes,
            cuts: cuts,
            edges: edges
        )
    }

    /// For each node: the kind of its first root, if it is one, and a visible (unescaped)
    /// note per root, in the snapshot's root order.
    ///
    /// - Complexity: O(roots).
    private static func rootNotes(
        _ snapshot: Snapshot,
        position: [ObjectID: Int],
        count: Int
    ) -> [(kind: DotStyle.Kind?, notes: [String])] {
        var result = [(kind: DotStyle.Kind?, notes: [String])](repeating: (nil, []), count: count)
        for root in snapshot.roots {
            guard let index = position[root.object] else { continue }
            let name = SafeText.visible(snapshot.strings[root.name], maxCharacters: DotStyle.maxRootName)
            let kind: DotStyle.Kind
            let note: String
            switch root.kind {
            case .module:
                kind = .module
                note = "sys.modules['\(name)']"
            case .threadFrame:
                kind = .threadFrame
                note = "frame of thread \(name.isEmpty ? String(root.detail) : "'\(name)' (\(root.detail))")"
            case .heldFromOutside:
                kind = .heldFromOutside
                note = "\(root.detail) \(root.detail == 1 ? "reference" : "references") from outside"
            }
            if result[index].kind == nil { result[index].kind = kind }
            result[index].notes.append(note)
        }
        return result
    }
}
