import Foundation
import HeapGraph
import Reports
import Testing

@testable import GraphRender

/// Text a heap can hold, which must never break the DOT file or the drawing.
@Suite(.serialized) struct HostileLabelTests {
    static let hostile: [String] = [
        "\"quoted\" and 'single'",
        "back\\slash \\N \\G \\n \\\\ \\",
        "<b>not bold</b> <BR/> {a|b} <f0> & &amp; &#0; &lt",
        "line one\nline two\r\nthree\ttab",
        "nul\u{0}byte",
        String(repeating: "long ", count: 4_000),
        "bad \u{FFFD}\u{FFFD} utf8",
        "snake 🐍 coder 👩‍💻 flag 🇳🇿",
        "שלום עולם مرحبا",
        "\u{202E}evil\u{202C} \u{2066}isolate\u{2069}",
        "del\u{7F} nel\u{85} esc\u{1B}[31m bell\u{07}",
        "\"]; o0 -> o0 [label=\"owned\"]; digraph x { ",
        "> ]; }\n}\ndigraph {",
        "nonchar \u{FFFE} \u{FFFF} \u{1FFFE}",
        "<!-- comment --> <![CDATA[x]]> &nbsp;",
        "   spaced   out   ",
    ]

    /// A backrefs subgraph where every text comes from `label`: the objects' labels, a type
    /// name, an edge's name, a root's name and the title.
    static func drawing(of label: String) throws -> String {
        var b = SnapshotBuilder(metadata: RenderFixtures.metadata)
        let moduleType = b.type(module: "builtins", name: "module")
        let hostileType = b.type(module: "app", name: label)
        let root = b.addObject(address: 1, type: moduleType, size: 72, label: label, flags: .module)
        let leak = b.addObject(address: 2, type: hostileType, size: 56, label: label)
        b.addEdge(from: root, to: leak, label: label)
        b.addRoot(root, kind: .module, name: label)
        b.addRoot(leak, kind: .threadFrame, name: label, detail: 7)
        let snapshot = b.build()
        let subgraph = Subgraph(
            direction: .referrers,
            nodes: [leak, root],
            edges: [
                Subgraph.Edge(
                    source: root,
                    target: leak,
                    label: RenderFixtures.stringID(label, in: snapshot),
                    highlighted: true
                )
            ],
            selected: [leak],
            cut: [leak: 3],
            depth: [leak: 0, root: 1]
        )
        return try DotRenderer.render(
            subgraph,
            in: snapshot,
            options: DrawOptions(showAddresses: true, showSizes: true, title: label)
        )
    }

    @Test(arguments: hostile)
    func hostileTextIsLaidOutAndShownEscaped(label: String) throws {
        let dot = try Self.drawing(of: label)
        let (svg, warnings) = try GraphvizRenderer.renderReportingWarnings(dot: dot, format: .svg)
        #expect(warnings == "", "Graphviz warned: \(warnings)")
        let parsed = try #require(SVGText.parse(svg), "the SVG is not XML")
        #expect(parsed.rootElement == "svg")
        // Graphviz writes runs of spaces as no-break spaces.
        let texts = parsed.texts.map { $0.replacingOccurrences(of: "\u{A0}", with: " ") }
        for (what, max) in [
            ("label", DotStyle.maxLabel), ("edge name", DotStyle.maxEdgeLabel), ("title", DotStyle.maxTitle),
        ] {
            let expected = SafeText.visible(label, maxCharacters: max)
            #expect(texts.contains(expected), "\(what) \(expected.debugDescription) not in \(texts)")
        }
        let typeName = SafeText.visible("app." + label, maxCharacters: DotStyle.maxTypeName)
        #expect(
            texts.contains(typeName) || texts.contains(SafeText.visible(label, maxCharacters: DotStyle.maxTypeName))
        )
        #expect(texts.contains("sys.modules['\(SafeText.visible(label, maxCharacters: DotStyle.maxRootName))']"))
        // Both nodes, the cut note and the title are still there: nothing was swallowed.
        #expect(texts.contains("+3 more referrers"))
        #expect(texts.filter { $0 == "module" }.count == 1)
    }

    @Test(arguments: hostile)
    func dotHasOnlyTheLinesTheTemplatesWrite(label: String) throws {
        let dot = try Self.drawing(of: label)
        let lines = dot.split(separator: "\n", omittingEmptySubsequences: false)
        // Header, graph/node/edge defaults, 2 nodes, a cut node and its edge, 1 edge, "}", "".
        #expect(lines.count == 11)
        #expect(lines.last == "")
        #expect(lines[lines.count - 2] == "}")
        #expect(!dot.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// Empty HTML-like labels (`<B></B>`, `<>`) are Graphviz syntax errors: nothing empty is drawn.
    @Test func emptyTextsDrawWithoutGraphvizErrors() throws {
        var b = SnapshotBuilder(metadata: RenderFixtures.metadata)
        let unnamed = b.type(module: "", name: "")
        let a = b.addObject(address: 1, type: unnamed, size: 0)
        let c = b.addObject(address: 2, type: unnamed, size: 0)
        b.addEdge(from: a, to: c)
        b.addRoot(a, kind: .module)
        b.addRoot(c, kind: .threadFrame)
        let snapshot = b.build()
        let subgraph = Subgraph(
            direction: .referents,
            nodes: [a, c],
            edges: [Subgraph.Edge(source: a, target: c, label: .empty)]
        )
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(title: ""))
        let (svg, warnings) = try GraphvizRenderer.renderReportingWarnings(dot: dot, format: .svg)
        #expect(warnings == "")
        let texts = try #require(SVGText.parse(svg)).texts
        #expect(texts == ["(no name)", "sys.modules['']", "(no name)", "frame of thread 0"])
    }

    @Test func longTextIsCutToItsWidth() {
        let long = String(repeating: "x", count: 1_000)
        #expect(SafeText.visible(long, maxCharacters: 48) == String(repeating: "x", count: 47) + "…")
        #expect(SafeText.visible("short", maxCharacters: 48) == "short")
        #expect(
            SafeText.visible(String(repeating: "x", count: 48), maxCharacters: 48) == String(repeating: "x", count: 48)
        )
        // Grapheme clusters are never split.
        #expect(SafeText.visible("👩‍💻👩‍💻👩‍💻", maxCharacters: 2) == "👩‍💻…")
    }

    @Test func invisibleAndControlCharactersBecomeVisibleEscapes() {
        #expect(
            SafeText.visible("a\nb\r\tc\u{0}d\u{1B}e\u{7F}f\u{85}", maxCharacters: 100)
                == "a\\nb\\r\\tc\\0d\\x1be\\x7ff\\x85"
        )
        #expect(SafeText.visible("\u{202E}x\u{2066}\u{2028}", maxCharacters: 100) == "\\u202ex\\u2066\\u2028")
        let nonCharacters = String(String.UnicodeScalarView([0xFFFE, 0x1FFFF, 0xFDD0].compactMap(Unicode.Scalar.init)))
        #expect(SafeText.visible(nonCharacters, maxCharacters: 100) == "\\ufffe\\U0001ffff\\ufdd0")
        #expect(SafeText.visible("שלום 🐍 \u{FFFD} {|}", maxCharacters: 100) == "שלום 🐍 \u{FFFD} {|}")
    }

    @Test func markupIsEscapedForHTMLLikeLabels() {
        #expect(
            DotText.label("<a href=\"x\">&'</a>", maxCharacters: 100)
                == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        )
        #expect(DotText.label("\\N {a|b} \\", maxCharacters: 100) == "\\\\N {a|b} \\\\")
    }
}
