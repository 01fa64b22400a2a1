import HeapGraph
import Reports

/// `refgraph leaks --output report.html`: the report as one self-contained HTML page from
/// `Templates/html/leaks.mustache`: a summary, the snapshots with their RSS, and a section
/// per suspect with its chain drawn as inline SVG (no scripts, fonts or links to fetch).
///
/// Every text from the snapshots is made visible (`SafeText`) and HTML-escaped by the
/// template; only the SVG, which Graphviz escapes itself, is written as is.
public enum LeakReportPage {
    /// The HTML page of `report`, drawing each suspect's chain from a module down to the
    /// container and on to its biggest new object in `last`, the last snapshot.
    ///
    /// - Throws: `GraphRenderError` when the templates cannot be loaded or Graphviz fails.
    /// - Complexity: Graphviz's layout of each suspect's chain, plus O(size of the report).
    public static func render(
        _ report: LeakReport,
        suspects: LeakSuspects,
        in last: HeapIndex,
        retainedSizes: [UInt64]? = nil
    ) throws -> String {
        var sections: [LeakPageView.Section] = []
        for (entry, suspect) in zip(report.suspects, suspects.suspects) {
            var svg = ""
            if case let .found(chain) = suspect.chain {
                let whole = suspect.heldThrough.map { chain.extended(by: $0) } ?? chain
                let options = DrawOptions(showSizes: true, retainedSizes: retainedSizes, maxNodes: 200)
                var subgraph = last.subgraph(of: whole)
                subgraph.selected = [suspect.container]  // the accumulation point stands out
                let dot = try DotRenderer.render(subgraph, in: last.snapshot, options: options)
                svg = inline(String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self))
            }
            sections.append(LeakPageView.Section(entry, report: report, svg: svg))
        }
        let view = LeakPageView(report, sections: sections)
        return try TemplateLibrary.render(view, template: "html/leaks", in: TemplateLibrary.html)
    }

    /// Graphviz's SVG made fit to sit inside HTML: from the `<svg` element on (no XML
    /// declaration, DOCTYPE or comments before it), without the namespace attributes, which
    /// HTML does not need and which name web addresses, and with a `viewBox` as large as the
    /// drawing: at `dpi=96` Graphviz scales the drawing by 96/72 but leaves the `viewBox` in
    /// unscaled points, so browsers cut off its right and bottom parts.
    static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var text = String(svg[start.lowerBound...])
        for attribute in [" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""] {
            text = text.replacing(attribute, with: "")
        }
        guard let header = text.firstRange(of: ">"),
            let width = attribute("width", in: text[..<header.lowerBound]),
            let height = attribute("height", in: text[..<header.lowerBound]),
            let viewBox = text[..<header.lowerBound].firstRange(of: "viewBox=\""),
            let end = text[viewBox.upperBound...].firstIndex(of: "\"")
        else { return text }
        text.replaceSubrange(viewBox.upperBound..<end, with: "0 0 \(width.dropLast(2)) \(height.dropLast(2))")
        return text
    }

    /// The value of `name="…pt"` in an element's start tag, or nil.
    private static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let start = tag.firstRange(of: " " + name + "=\""),
            let end = tag[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        let value = tag[start.upperBound..<end]
        return value.hasSuffix("pt") ? value : nil
    }
}

extension ReferenceChain {
    /// This chain followed by `next`, which starts at this chain's target.
    func extended(by next: ReferenceChain) -> ReferenceChain {
        precondition(next.holder == target, "the next chain starts where this one ends")
        return ReferenceChain(objects: objects + next.objects.dropFirst(), edgeLabels: edgeLabels + next.edgeLabels)
    }
}
