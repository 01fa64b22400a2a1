import HeapGraph
import TestSupport
import Testing

@testable import GraphRender

@Suite struct DotRendererTests {
    @Test func backrefsWithSelectionModuleRootCutAndEdgeNames() throws {
        let (snapshot, subgraph) = RenderFixtures.backrefs()
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions())
        try Golden.check(dot, named: "backrefs.dot")
        #expect(
            dot.contains(
                "o5 [label=<<B>module</B><BR/>app<BR/><FONT POINT-SIZE=\"8\"><I>sys.modules[&#39;app&#39;]</I></FONT>>, shape=tab"
            )
        )
        #expect(dot.contains("<B>app.Node</B>"))
        #expect(dot.contains("more_o1 [label=<+12 more referrers>"))
        #expect(dot.contains("more_o1 -> o1 ["))
        #expect(dot.contains("o2 -> o0 [label=<cell_contents>, weight=2];"))
    }

    @Test func chainWithHighlightedEdgesAndEveryDetail() throws {
        let (snapshot, subgraph) = RenderFixtures.chain()
        let retained = [UInt64]([20_000, 14_000, 9_000, 500, 80])
        let options = DrawOptions(
            showAddresses: true,
            showSizes: true,
            showRefcounts: true,
            retainedSizes: retained,
            title: "Chain from __main__ to socket"
        )
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: options)
        try Golden.check(dot, named: "chain.dot")
        #expect(dot.contains("o1 -> o0 [label=<[999]>, weight=10, color=red3, fontcolor=red3, penwidth=2.5];"))
        #expect(
            dot.contains("o3 -> o1 [label=<queue>, weight=2, constraint=false];"),
            "an edge beside the chain does not bend its layout"
        )
        #expect(dot.contains("fd=7…"))
    }

    @Test func referentsWithWeakReferenceAndCut() throws {
        let (snapshot, subgraph) = RenderFixtures.referents()
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(rankDirection: .leftToRight))
        try Golden.check(dot, named: "referents.dot")
        #expect(dot.contains("o0 -> more_o0 ["))
        #expect(dot.contains("+23 more referents"))
        #expect(!dot.contains("more_o3"))
        #expect(dot.contains("o1 -> o3 [weight=1, style=dashed];"))
    }

    @Test func sameInputGivesByteIdenticalDOT() throws {
        let (snapshot, subgraph) = RenderFixtures.backrefs()
        let (snapshot2, subgraph2) = RenderFixtures.backrefs()
        let options = DrawOptions(showAddresses: true, showSizes: true)
        let first = try DotRenderer.render(subgraph, in: snapshot, options: options)
        let second = try DotRenderer.render(subgraph, in: snapshot, options: options)
        let rebuilt = try DotRenderer.render(subgraph2, in: snapshot2, options: options)
        #expect(first == second)
        #expect(first == rebuilt)
    }

    @Test func graphOverMaxNodesIsRefusedWithAdvice() throws {
        let (snapshot, subgraph) = RenderFixtures.backrefs()
        #expect(throws: GraphRenderError(.tooManyNodes(count: 6, limit: 5))) {
            try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(maxNodes: 5))
        }
        #expect(
            GraphRenderError(.tooManyNodes(count: 6, limit: 5)).description
                == "The graph has 6 objects, more than the 5 that can be drawn; lower '--max-depth' or '--too-many' to draw fewer."
        )
        _ = try DotRenderer.render(subgraph, in: snapshot, options: DrawOptions(maxNodes: 6))
    }

    @Test func ambiguousTypeNamesAreQualified() throws {
        var b = SnapshotBuilder(metadata: RenderFixtures.metadata)
        let types = [
            b.type(module: "app", name: "Node"), b.type(module: "lib", name: "Node"),
            b.type(module: "builtins", name: "Node"), b.type(module: "builtins", name: "dict"),
        ]
        let objects = types.enumerated().map { b.addObject(address: UInt64($0.offset), type: $0.element, size: 1) }
        let dot = try DotRenderer.render(
            Subgraph(direction: .referrers, nodes: objects),
            in: b.build(),
            options: DrawOptions()
        )
        var names: [String] = []
        for line in dot.split(separator: "\n") {
            guard let bold = line.range(of: "<B>") else { continue }
            names.append(String(line[bold.upperBound...].prefix { $0 != "<" }))
        }
        #expect(names == ["app.Node", "lib.Node", "Node", "dict"])
    }
}
