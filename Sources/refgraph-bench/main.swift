import Foundation
import GraphRender
import HeapGraph

/// Times refgraph's core on one snapshot file, phase by phase, for bench/run-benchmarks:
/// read, index, the `top` census (the table itself is a few lines), the chain query for
/// the object at one address, and the backrefs and refs queries (DOT text included,
/// Graphviz layout excluded) for the object at another.
///
/// Usage: refgraph-bench SNAPSHOT CHAIN_ADDRESS BACKREFS_ADDRESS [MAX_DEPTH]
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
    FileHandle.standardError.write(Data("usage: refgraph-bench SNAPSHOT CHAIN_ADDRESS BACKREFS_ADDRESS [MAX_DEPTH]\n".utf8))
    exit(64)
}
let maxDepth = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5

do {
    var snapshot: Snapshot?
    report("read", try seconds { snapshot = try SnapshotFile.read(from: arguments[1]) })
    guard let snapshot else { exit(1) }
    var built: HeapIndex?
    report("index", seconds { built = HeapIndex(snapshot) })
    guard let index = built else { exit(1) }
    report("top_census", fastest { _ = TypeCensus(snapshot) })

    let target = try ObjectSelector(.address(chainAddress)).select(in: index).chosen
    var chainLength = 0
    report("chain_query", fastest {
        if case let .found(chain) = index.shortestChain(to: target, from: .module) { chainLength = chain.length }
    })
    report("chain_length", Double(chainLength), "references")

    let parent = try ObjectSelector(.address(backrefsAddress)).select(in: index).chosen
    let options = NeighbourhoodOptions(maxDepth: maxDepth)
    var backrefs: Subgraph?
    report("backrefs_query", fastest { backrefs = index.backrefs(of: parent, options: options) })
    report("backrefs_nodes", Double(backrefs?.nodes.count ?? 0), "objects")
    if let backrefs {
        report("backrefs_dot", try fastest { _ = try DotRenderer.render(backrefs, in: snapshot, options: DrawOptions()) })
    }
    report("refs_query", fastest { _ = index.refs(of: parent, options: options) })
} catch {
    FileHandle.standardError.write(Data("refgraph-bench: \(error)\n".utf8))
    exit(1)
}
