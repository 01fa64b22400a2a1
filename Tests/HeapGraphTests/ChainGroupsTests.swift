import HeapGraph
import TestSupport
import Testing

/// `HeapIndex.chainGroups` on a heap whose chains are known: tasks kept in a set, one task
/// in an attribute, two in a dict by id, one that nothing reaches.
@Suite struct ChainGroupsTests {
    static func heap() -> (HeapIndex, tasks: [ObjectID]) {
        var (b, globals) = GraphFixtures.appModule(time: 0)
        let task = b.type(module: "asyncio", name: "Task")
        var tasks: [ObjectID] = []
        func newTask() -> ObjectID {
            let t = b.addObject(address: 0x1000 + UInt64(tasks.count) * 0x40, type: task, size: 96)
            tasks.append(t)
            return t
        }
        let current = newTask()
        b.addEdge(from: globals, to: current, label: "current")
        let set = b.addObject(address: 0x300, type: b.type(module: "builtins", name: "set"), size: 216)
        b.addEdge(from: globals, to: set, label: "background")
        for _ in 0..<5 { b.addEdge(from: set, to: newTask(), label: "") }
        let byID = b.addObject(address: 0x400, type: b.type(module: "builtins", name: "dict"), size: 232)
        b.addEdge(from: globals, to: byID, label: "by_id")
        b.addEdge(from: byID, to: newTask(), label: "job-1")
        b.addEdge(from: byID, to: newTask(), label: "job-2")
        _ = newTask()
        return (HeapIndex(b.build()), tasks)
    }

    @Test func chainsOfEveryTargetAreGroupedByShape() throws {
        let (index, tasks) = Self.heap()
        let (groups, unreached) = index.chainGroups(to: tasks, from: .module)
        #expect(groups.map(\.objects.count) == [1, 5, 2])
        #expect(groups.map(\.objects) == [[tasks[0]], Array(tasks[1...5]), Array(tasks[6...7])])
        #expect(unreached == [tasks[8]])
        #expect(
            index.describe(groups[1].example) == [
                "module app", "  .__dict__ → dict", "  ['background'] → set", "  (an item) → Task",
            ]
        )
        #expect(index.describe(groups[2].example).last == "  ['job-1'] → Task")
        // Names of a namespace are not alike: two globals are two shapes.
        let two = index.chainGroups(to: [tasks[0], tasks[6]], from: .module).groups
        #expect(two.count == 2)
    }
}
