import Foundation
import GraphRender
import HeapGraph

/// Times refgraph's core on one snapshot file, phase by phase, for bench/run-benchmarks:
/// read, index, the `top` census (the table itself is a few lines), the chain query for
/// the object at one address, and the backrefs and refs queries (DOT text included,
/// Graphviz layout excluded) for the object at another.
///
/// Then the analyses: strongly connected components, the dominator tree, retained bytes by
/// type, the retained size of every `Request` as a set (when the heap has that type), and,
/// given an OLDER snapshot of the same process, the growth diff from it.
///
/// Usage: refgraph-bench SNAPSHOT CHAIN_ADDRESS BACKREFS_ADDRESS [MAX_DEPTH [OLDER]]
/// Prints one `name value unit` line per measurement; each query is the fastest of five runs.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func fastest(of runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs { best = min(best, try seconds(body)) }
    return best
}

func report(_ name: String, _ value: Double, _ unit: String = "s") {
    print(String(format: "%@ %.6f %@", name, value, unit))
}

let arguments = CommandLine.arguments
func address(_ text: String) -> UInt64? { UInt64(text.replacingOccurrences(of: "0x", with: ""), radix: 16) }
guard arguments.count >= 4, let chainAddress = address(arguments[2]), let backrefsAddress = address(arguments[3]) else {
    FileHandle.standardError.write(
        Data("usage: refgraph-bench SNAPSHOT CHAIN_ADDRESS BACKREFS_ADDRESS [MAX_DEPTH]\n".utf8)
    )
    exit(64)
}
let maxDepth = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5

do {
    var snapshot: Snapshot?
    report("read", try seconds { snapshot = try SnapshotFile.read(from: arguments[1]) })
    guard let snapshot else { exit(1) }
    var indexed: HeapIndex?
    report("index", seconds { indexed = HeapIndex(snapshot) })
    guard let index = indexed else { exit(1) }
    report("top_census", fastest { _ = TypeCensus(snapshot) })

    let target = try ObjectSelector(.address(chainAddress)).select(in: index).chosen
    var chainLength = 0
    report(
        "chain_query",
        fastest {
            if case let .found(chain) = index.shortestChain(to: target, from: .module) { chainLength = chain.length }
        }
    )
    report("chain_length", Double(chainLength), "references")

    let parent = try ObjectSelector(.address(backrefsAddress)).select(in: index).chosen
    let options = NeighbourhoodOptions(maxDepth: maxDepth)
    var backrefs: Subgraph?
    report("backrefs_query", fastest { backrefs = index.backrefs(of: parent, options: options) })
    report("backrefs_nodes", Double(backrefs?.nodes.count ?? 0), "objects")
    if let backrefs {
        report(
            "backrefs_dot",
            try fastest { _ = try DotRenderer.render(backrefs, in: snapshot, options: DrawOptions()) }
        )
    }
    report("refs_query", fastest { _ = index.refs(of: parent, options: options) })

    var components: StronglyConnectedComponents?
    report("scc", fastest(of: 3) { components = index.stronglyConnectedComponents() })
    if let components { report("scc_cycles", Double(components.cycles(minSize: 1, in: index).count), "count") }
    var built: DominatorTree?
    report("dominators", fastest(of: 3) { built = index.dominatorTree() })
    if let tree = built {
        report("retained_by_type", fastest { _ = index.retentionByType(in: tree) })
        report("largest_retainers", fastest { _ = index.largestRetainers(in: tree, limit: 20) })
        if let requests = try? ObjectSelector(.type("Request"), multiple: .all).select(in: index).chosen {
            var bytes: UInt64 = 0
            report("domisize_requests", fastest { bytes = index.retainedSize(ofSet: requests, in: tree) })
            report("domisize_requests_bytes", Double(bytes), "bytes")
        }
    }
    if arguments.count > 5 {
        let older = try SnapshotFile.read(from: arguments[5])
        var diff: SnapshotDiff?
        report("growth_diff", fastest(of: 3) { diff = SnapshotDiff(old: older, new: snapshot) })
        report("growth_new_objects", Double(diff?.newObjects.count ?? 0), "objects")
    }
} catch {
    FileHandle.standardError.write(Data("refgraph-bench: \(error)\n".utf8))
    exit(1)
}
