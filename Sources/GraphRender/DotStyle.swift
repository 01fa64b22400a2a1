/// The look of a drawn object, after objgraph's `_show_graph`: boxes filled on a gradient
/// from white (the selection) to grey (the farthest objects), modules green (and other roots
/// orange or yellow, each with its own shape), the selection light blue and outlined in red. Colours are Graphviz HSV triples ("H S V", each 0...1).
enum DotStyle {
    /// What kind of object a node is, for its shape and colour; the first that applies wins
    /// for the colour, a root's kind also chooses the shape.
    enum Kind: Equatable {
        case plain
        case module
        case threadFrame
        case heldFromOutside
    }

    /// The fill's value (brightness) at the farthest depth; objgraph goes down to 0.3, which
    /// needs white text. 0.55 keeps black text readable everywhere.
    static let farthestValue = 0.55

    /// The fill colour of an object at `depth` of `maxDepth`.
    static func fill(kind: Kind, selected: Bool, depth: Int, maxDepth: Int) -> String {
        let fraction = maxDepth > 0 ? min(1, Double(max(0, depth)) / Double(maxDepth)) : 0
        let value = 1 - (1 - farthestValue) * fraction
        if selected { return hsv(0.6, 0.3, 1) }
        // Roots keep one bright colour at any depth, so they stand out from the grey.
        switch kind {
        case .plain: return hsv(0, 0, value)
        case .module: return hsv(0.3, 0.45, 0.9)
        case .threadFrame: return hsv(0.08, 0.45, 1)
        case .heldFromOutside: return hsv(0.14, 0.5, 1)
        }
    }

    static func shape(kind: Kind) -> String {
        switch kind {
        case .plain: "box"
        case .module: "tab"
        case .threadFrame: "component"
        case .heldFromOutside: "box3d"
        }
    }

    /// Node style: a weak reference, which does not keep its referent alive, is dashed.
    static func style(weakReference: Bool) -> String {
        weakReference ? "filled,dashed" : "filled"
    }

    /// The outline of a selected object.
    static let selectedBorder = (color: "red3", width: "2")

    /// Edge weight: named references pull harder, as in objgraph; a chain's edges hardest, so
    /// the chain is drawn straight.
    static func edgeWeight(named: Bool, highlighted: Bool) -> Int {
        highlighted ? 10 : named ? 2 : 1
    }

    /// The resolution of pictures, in pixels per inch.
    static let dpi = 96
    /// The largest canvas side in inches (19,200 pixels): a drawing up to this size is drawn at
    /// its natural size, with 10-point text, however wide; a larger one is refused (see
    /// `GraphvizRenderer`), since shrinking it to fit makes its text unreadable.
    static let maxCanvasInches = 200
    /// The most pixels a picture may have (8,000 × 8,000), so a rendering stays within a few
    /// hundred megabytes of memory.
    static let maxCanvasPixels = 64_000_000

    /// Longest texts drawn, in characters.
    static let maxTypeName = 60
    static let maxLabel = 48
    static let maxEdgeLabel = 32
    static let maxRootName = 40
    static let maxTitle = 120

    private static func hsv(_ h: Double, _ s: Double, _ v: Double) -> String {
        "\(fixed3(h)) \(fixed3(s)) \(fixed3(v))"
    }

    /// `x` (0...1) with exactly three decimals, the same on every machine.
    static func fixed3(_ x: Double) -> String {
        let thousandths = Int((min(1, max(0, x)) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
