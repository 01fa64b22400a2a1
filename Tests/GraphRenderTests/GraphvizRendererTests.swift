import HeapGraph
import Testing

@testable import GraphRender

@Suite(.serialized) struct GraphvizRendererTests {
    /// Width and height from a PNG's IHDR chunk, or nil when the bytes are not a PNG.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            Array(bytes[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// The most pixels a side may have: `size="200,200"` at `dpi=96`, plus Graphviz's margin.
    static let maxSide = 200 * 96 + 16

    @Test func pngIsValidAndSmall() throws {
        let (snapshot, subgraph) = RenderFixtures.backrefs()
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions())
        let png = try GraphvizRenderer.render(dot: dot, format: .png)
        let size = try #require(Self.pngSize(png))
        #expect(size.width > 100 && size.width <= 2000)
        #expect(size.height > 100 && size.height <= 2000)
    }

    /// 80 siblings side by side: drawn at full size (once shrunk to 20 inches, 1920 pixels,
    /// their text was a few pixels high), so each gets its 10-point text's width.
    @Test func wideGraphKeepsItsTextAtFullSize() throws {
        let (snapshot, subgraph) = RenderFixtures.siblings(count: 80)
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions())
        let png = try GraphvizRenderer.render(dot: dot, format: .png)
        let size = try #require(Self.pngSize(png))
        // Each box holds "'request 79'" in 10-point Helvetica: well over 60 pixels at 96 dpi.
        #expect(size.width >= 80 * 60, "\(size)")
        #expect(size.width <= Self.maxSide)
        // In the SVG, Graphviz scales the whole drawing down when it does not fit; it must not.
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self)
        let scale = try #require(svg.firstMatch(of: /transform="scale\(([0-9.]+) ([0-9.]+)\)/))
        #expect(Double(scale.1) ?? 0 >= 1, "\(scale.0)")
        #expect(svg.contains(#"font-size="10.00""#))
    }

    @Test func drawingLargerThanTheCanvasIsRefusedWithAdvice() throws {
        let (snapshot, subgraph) = RenderFixtures.siblings(count: 480)
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions())
        do {
            _ = try GraphvizRenderer.render(dot: dot, format: .png)
            Issue.record("a drawing wider than 200 inches was rendered")
        } catch let error as GraphRenderError {
            guard case let .tooLarge(width, _) = error.reason else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(width > 200)
            #expect(error.description.contains("lower '--max-depth' or '--too-many'"))
            #expect(!error.description.contains("\n"))
        }
        // The DOT text itself is still given.
        #expect(try GraphvizRenderer.render(dot: dot, format: .dot) == Array(dot.utf8))
    }

    @Test func largeHeapLikeGraphFitsTheCanvas() throws {
        let (snapshot, subgraph) = RenderFixtures.heapLike(count: 200)
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(showSizes: true))
        let png = try GraphvizRenderer.render(dot: dot, format: .png)
        let size = try #require(Self.pngSize(png))
        #expect(max(size.width, size.height) <= Self.maxSide)
        #expect(max(size.width, size.height) > 20 * 96 + 16)
    }

    @Test func svgIsXMLWithTheLabels() throws {
        let (snapshot, subgraph) = RenderFixtures.chain()
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(title: "a <title> & more"))
        let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        let document = try #require(SVGText.parse(svg))
        #expect(document.rootElement == "svg")
        for text in [
            "socket", "fd=7…", "module", "__main__", "[999]", "pending", "sys.modules['__main__']", "a <title> & more",
        ] {
            #expect(document.texts.contains(text), "\(text) not in \(document.texts)")
        }
    }

    @Test func pdfStartsWithItsMagic() throws {
        let (snapshot, subgraph) = RenderFixtures.referents()
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions())
        let pdf = try GraphvizRenderer.render(dot: dot, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(pdf.count > 500)
    }

    @Test func dotFormatIsTheTextItself() throws {
        #expect(try GraphvizRenderer.render(dot: "digraph { a }", format: .dot) == Array("digraph { a }".utf8))
    }

    @Test func syntaxErrorBecomesOneLineErrorAndLaterRendersWork() throws {
        do {
            _ = try GraphvizRenderer.render(dot: "digraph { a -> ; }", format: .svg)
            Issue.record("a syntax error was accepted")
        } catch let error as GraphRenderError {
            guard case let .graphvizParse(message) = error.reason else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.contains("syntax error in line 1"))
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("Graphviz could not read the DOT text: syntax error in line 1"))
        }
        let svg = try GraphvizRenderer.render(dot: "digraph { a -> b }", format: .svg)
        #expect(SVGText.parse(svg)?.texts == ["a", "b"])
    }

    @Test func notAGraphIsAParseError() throws {
        #expect(throws: GraphRenderError.self) {
            try GraphvizRenderer.render(dot: "", format: .png)
        }
    }
}

extension GraphvizRendererTests {
    @Test func leftoverTextOfOneCallIsNotReadByTheNext() throws {
        let first = try GraphvizRenderer.render(dot: "digraph { x -> y } digraph { a -> ; }", format: .svg)
        #expect(SVGText.parse(first)?.texts == ["x", "y"])
        let second = try GraphvizRenderer.render(dot: "digraph { p -> q }", format: .svg)
        #expect(SVGText.parse(second)?.texts == ["p", "q"])
    }
}

extension GraphvizRendererTests {
    /// Graphviz reports a bad HTML-like label through agerr and draws the raw text instead:
    /// the message is captured (not printed), and the render still succeeds.
    @Test func graphvizMessagesAreCapturedNotPrinted() throws {
        let (svg, warnings) = try GraphvizRenderer.renderReportingWarnings(
            dot: "digraph { a [label=<<B></B>>] }",
            format: .svg
        )
        #expect(warnings.hasPrefix("syntax error in line 1"))
        #expect(!warnings.contains("\n"))
        #expect(SVGText.parse(svg) != nil)
        let (_, none) = try GraphvizRenderer.renderReportingWarnings(dot: "digraph { a }", format: .svg)
        #expect(none == "")
    }
}
