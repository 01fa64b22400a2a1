import CGraphviz
import Synchronization

/// Lays out and renders DOT in process through libgvc: no `dot` binary is run.
///
/// Graphviz keeps global state (its error reporting, its parser), so calls are serialised by
/// one lock; each call uses its own `GVC_t` context, freed before it returns.
public enum GraphvizRenderer {
    private static let lock = Mutex(())

    /// The bytes of `dot` laid out with the `dot` engine and rendered as `format`; for
    /// `OutputFormat.dot` the DOT text itself, unchecked.
    ///
    /// Graphviz's messages are captured, not printed: an error becomes a one-line
    /// `GraphRenderError`, warnings are dropped.
    ///
    /// - Throws: `GraphRenderError` when Graphviz cannot start, parse, lay out or render.
    /// - Complexity: Graphviz's: about linear for tree-like heaps, much worse for dense graphs.
    public static func render(dot: String, format: OutputFormat) throws -> [UInt8] {
        try renderReportingWarnings(dot: dot, format: format).bytes
    }

    /// `render(dot:format:)`, also returning the warnings Graphviz gave ("" for none).
    static func renderReportingWarnings(
        dot: String,
        format: OutputFormat
    ) throws(GraphRenderError) -> (bytes: [UInt8], warnings: String) {
        if format == .dot { return (Array(dot.utf8), "") }
        return try lock.withLock { _ throws(GraphRenderError) -> ([UInt8], String) in
            try GraphvizMessages.capturing { () throws(GraphRenderError) -> ([UInt8], String) in
                let bytes = try renderLocked(dot: dot, format: format)
                return (bytes, GraphvizMessages.take(or: ""))
            }
        }
    }

    /// One parse, layout and render; the caller holds the lock and captures messages.
    private static func renderLocked(dot: String, format: OutputFormat) throws(GraphRenderError) -> [UInt8] {
        guard let context = gvContext() else {
            throw GraphRenderError(.graphvizUnavailable(message: GraphvizMessages.take(or: "gvContext() failed")))
        }
        defer { gvFreeContext(context) }

        rg_resetDOTReader()
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw GraphRenderError(.graphvizParse(message: GraphvizMessages.take(or: "the text is not a graph")))
        }
        guard gvLayout(context, graph, "dot") == 0 else {
            agclose(graph)
            let message = GraphvizMessages.take(or: "gvLayout() failed")
            if message.contains("not recognized") {
                throw GraphRenderError(
                    .graphvizUnavailable(
                        message: message
                            + " (Graphviz's plugins are not configured: install Debian's graphviz package or run 'dot -c' as root)"
                    )
                )
            }
            throw GraphRenderError(.graphvizLayout(message: message))
        }

        if let size = tooLargeSize(of: graph) {
            gvFreeLayout(context, graph)
            agclose(graph)
            throw GraphRenderError(.tooLarge(width: size.width, height: size.height))
        }

        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let status = gvRenderData(context, graph, format.rawValue, &data, &length)
        var bytes: [UInt8] = []
        if status == 0, let data {
            bytes = Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
        }
        if let data { gvFreeRenderData(data) }
        // Graphviz's order: the layout, then the graph, then (deferred) the context.
        gvFreeLayout(context, graph)
        agclose(graph)
        guard status == 0 else {
            throw GraphRenderError(
                .graphvizRender(format: format, message: GraphvizMessages.take(or: "gvRenderData() failed"))
            )
        }
        return bytes
    }

    /// The laid-out drawing's size in whole inches when it is larger than
    /// `DotStyle.maxCanvasInches` on a side or `DotStyle.maxCanvasPixels` in all; nil when it
    /// fits (or Graphviz gave no bounding box). `gvLayout` sets `bb`, in points.
    private static func tooLargeSize(of graph: UnsafeMutablePointer<Agraph_t>) -> (width: Int, height: Int)? {
        var name = Array("bb".utf8CString)
        let bb = name.withUnsafeMutableBufferPointer { agget(graph, $0.baseAddress).map { String(cString: $0) } }
        guard let bb else { return nil }
        // "llx lly urx ury" (a later DOT output writes it with commas).
        let corners = bb.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard corners.count == 4 else { return nil }
        let width = (corners[2] - corners[0]) / 72
        let height = (corners[3] - corners[1]) / 72
        let pixels = width * Double(DotStyle.dpi) * height * Double(DotStyle.dpi)
        let side = Double(DotStyle.maxCanvasInches)
        guard width > side || height > side || pixels > Double(DotStyle.maxCanvasPixels) else { return nil }
        return (Int(width.rounded(.up)), Int(height.rounded(.up)))
    }
}
