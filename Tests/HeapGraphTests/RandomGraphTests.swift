import HeapGraph
import TestSupport
import Testing

/// Seeded random heaps checked against `GraphOracle`, which answers from the forward edges
/// with dictionaries and plain arrays, without `HeapIndex`.
@Suite struct RandomGraphTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2024]

    private func pickTargets(_ index: HeapIndex, seed: UInt64, count: Int) -> [Int] {
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        return (0..<count).map { _ in Int(rng.next(below: UInt64(index.objectCount))) }
    }

    @Test(arguments: seeds) func referrersMatchTheOracle(seed: UInt64) {
        let snapshot = GraphFixtures.random(seed: seed, count: 3000)
        let index = HeapIndex(snapshot)
        let oracle = GraphOracle.referrerLists(snapshot)
        var total = 0
        for object in 0..<snapshot.objectCount {
            let found = Array(index.referrers(of: ObjectID(object))).map(\.object.index)
            #expect(found == oracle[object])
            total += found.count
        }
        #expect(total == snapshot.edgeCount)
    }

    @Test(arguments: seeds) func chainLengthsMatchTheOracle(seed: UInt64) {
        let snapshot = GraphFixtures.random(seed: seed, count: 3000, meanDegree: 1)
        let index = HeapIndex(snapshot)
        let oracle = GraphOracle.referrerLists(snapshot)
        let typeT0 = TypeID(0)
        let moduleRoots = Set(snapshot.roots.filter { $0.kind == .module }.map(\.object.index))
        let anyRoots = Set(snapshot.roots.map(\.object.index))
        let ends: [(ChainEnd, (Int) -> Bool)] = [
            (.module, { moduleRoots.contains($0) && snapshot.flags[$0] & ObjectFlags.module.rawValue != 0 }),
            (.root, { anyRoots.contains($0) }),
            (.type(typeT0), { snapshot.objectTypes[$0] == 0 }),
        ]
        var found = 0
        var unreachable = 0
        for (end, isEnd) in ends {
            for target in pickTargets(index, seed: seed, count: 40) {
                let expected = GraphOracle.shortestChainLength(snapshot, to: [target], isEnd: isEnd)
                switch index.shortestChain(to: [ObjectID(target)], from: end) {
                case let .found(chain):
                    found += 1
                    #expect(chain.length == expected)
                    #expect(chain.target == ObjectID(target))
                    #expect(isEnd(chain.holder.index))
                    #expect(
                        GraphOracle.isChain(snapshot, objects: chain.objects.map(\.index), labels: chain.edgeLabels)
                    )
                case let .unreachable(object, holders):
                    unreachable += 1
                    #expect(expected == nil)
                    #expect(object == ObjectID(target))
                    var distinct: [Int] = []
                    for source in oracle[target] where distinct.last != source { distinct.append(source) }
                    #expect(holders.map(\.index) == distinct)
                }
            }
        }
        #expect(found > 0)
        #expect(unreachable > 0, "the generator should leave some objects out of reach")
    }

    @Test(arguments: seeds) func multiTargetChainsMatchTheOracle(seed: UInt64) {
        let snapshot = GraphFixtures.random(seed: seed, count: 3000, meanDegree: 1)
        let index = HeapIndex(snapshot)
        let targets = pickTargets(index, seed: seed &+ 1, count: 5)
        let anyRoots = Set(snapshot.roots.map(\.object.index))
        let expected = GraphOracle.shortestChainLength(snapshot, to: targets) { anyRoots.contains($0) }
        switch index.shortestChain(to: targets.map { ObjectID($0) }, from: .root) {
        case let .found(chain):
            #expect(chain.length == expected)
            #expect(targets.contains(chain.target.index))
        case .unreachable:
            #expect(expected == nil)
        }
    }

    @Test(arguments: seeds) func backrefsDepthOneIsTheDirectReferrers(seed: UInt64) {
        let snapshot = GraphFixtures.random(seed: seed, count: 3000)
        let index = HeapIndex(snapshot)
        let oracle = GraphOracle.referrerLists(snapshot)
        for target in pickTargets(index, seed: seed, count: 50) {
            var distinct: [Int] = []
            for source in oracle[target] where !distinct.contains(source) { distinct.append(source) }
            let wide = index.backrefs(
                of: [ObjectID(target)],
                options: NeighbourhoodOptions(maxDepth: 1, tooMany: .max, stopAtModules: false)
            )
            #expect(wide.nodes.map(\.index) == [target] + distinct.filter { $0 != target })
            #expect(wide.edges.map(\.source.index) == distinct)
            #expect(wide.cut.isEmpty)
            let narrow = index.backrefs(
                of: [ObjectID(target)],
                options: NeighbourhoodOptions(maxDepth: 1, tooMany: 2, stopAtModules: false)
            )
            let modulesFirst =
                distinct.count > 2
                ? distinct.filter { index.isModule(ObjectID($0)) } + distinct.filter { !index.isModule(ObjectID($0)) }
                : distinct
            #expect(narrow.edges.map(\.source.index) == Array(modulesFirst.prefix(2)))
            #expect(narrow.cut[ObjectID(target)] == (distinct.count > 2 ? distinct.count - 2 : nil))
        }
    }

    @Test(arguments: seeds) func unlimitedBackrefsDepthsAreBreadthFirstDistances(seed: UInt64) {
        let snapshot = GraphFixtures.random(seed: seed, count: 3000, meanDegree: 1)
        let index = HeapIndex(snapshot)
        let oracle = GraphOracle.referrerLists(snapshot)
        let maxDepth = 4
        for target in pickTargets(index, seed: seed, count: 10) {
            var distance: [Int: Int] = [target: 0]
            var frontier = [target]
            for level in 1...maxDepth {
                var next: [Int] = []
                for node in frontier {
                    for source in oracle[node] where distance[source] == nil {
                        distance[source] = level
                        next.append(source)
                    }
                }
                frontier = next
            }
            let graph = index.backrefs(
                of: [ObjectID(target)],
                options: NeighbourhoodOptions(maxDepth: maxDepth, tooMany: .max, stopAtModules: false)
            )
            #expect(graph.nodes.count == distance.count)
            for (node, depth) in graph.depth { #expect(distance[node.index] == depth) }
        }
    }
}
