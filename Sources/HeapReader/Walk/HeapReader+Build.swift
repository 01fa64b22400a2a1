import Foundation
import HeapGraph

extension HeapReader {
    /// The snapshot of the decoded records: objects in the order found, references resolved
    /// to ids (a reference to an object that could not be read is dropped and counted), the
    /// modules of `sys.modules` and the objects held from outside (by HeapGraph's rule) as
    /// roots.
    func build(
        _ walk: WalkResult,
        main: UInt64,
        threads: [ThreadTop],
        started: Date
    ) throws(HeapReaderError)
        -> Snapshot
    {
        let records = walk.records
        var builder = SnapshotBuilder(metadata: try metadata(interpreter: main, started: started))
        builder.reserveCapacity(objects: records.count, edges: walk.edges.count, distinctStrings: records.count)
        var typeIDs: [UInt64: TypeID] = [:]
        for record in records {
            let type: TypeID
            if let known = typeIDs[record.type] {
                type = known
            } else {
                let info = types[record.type]
                let object = walk.object(at: record.type)
                type = builder.type(module: info?.module ?? "builtins", name: info?.name ?? "?", object: object)
                typeIDs[record.type] = type
            }
            builder.addObject(
                address: record.address,
                type: type,
                size: record.size,
                refcount: record.refcount,
                label: record.label,
                flags: ObjectFlags(rawValue: record.flags)
            )
        }
        for (source, position, label) in walk.edges {
            let target = walk.recordOfPosition[position]
            guard target >= 0 else {
                skipped["reference to an unreadable object", default: 0] += 1
                continue
            }
            builder.addEdge(from: ObjectID(source), to: ObjectID(target), label: label)
        }
        let modules = try field(main, "PyInterpreterState.modules")
        if modules != 0, let entries = try? dictEntries(modules) {
            for (key, value) in entries {
                guard let object = walk.object(at: value), let name = try? string(key) else { continue }
                builder.addRoot(object, kind: .module, name: name)
            }
        }
        for thread in threads {
            guard let object = walk.object(at: thread.frame) else { continue }
            builder.addRoot(object, kind: .threadFrame, name: thread.name, detail: thread.threadID)
        }
        builder.metadata.captureSeconds = Date().timeIntervalSince(started)
        if !skipped.isEmpty {
            builder.metadata.limitations.append(
                "Skipped while reading: "
                    + skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "."
            )
        }
        var snapshot = builder.build()
        let held = snapshot.refcounts.withUnsafeBufferPointer { refcounts in
            snapshot.edgeTargets.withUnsafeBufferPointer { Root.heldFromOutside(refcounts: refcounts, edgeTargets: $0) }
        }
        snapshot.roots += held
        return snapshot
    }

    /// What the snapshot says about the process: version, pid, time, gc state.
    func metadata(interpreter: UInt64, started: Date) throws(HeapReaderError) -> SnapshotMetadata {
        var version = layout.version
        let sysdict = try field(interpreter, "PyInterpreterState.sysdict")
        if sysdict != 0, let entries = try? dictEntries(sysdict) {
            for (key, value) in entries where (try? string(key)) == "version" {
                if let text = try? string(value) { version = text }
            }
        }
        let heads = generationHeads(interpreter: interpreter)
        let generation = UInt64(layout["sizeof(struct gc_generation)"])
        var counts: [Int] = []
        var thresholds: [Int] = []
        for head in heads.dropLast() {
            let base = head &- UInt64(layout["gc_generation.head"])
            counts.append(Int(try memory.load(base &+ UInt64(layout["gc_generation.count"]), as: Int32.self)))
            thresholds.append(Int(try memory.load(base &+ UInt64(layout["gc_generation.threshold"]), as: Int32.self)))
        }
        _ = generation
        let state = heads[0] &- UInt64(layout["_gc_runtime_state.generations"]) &- UInt64(layout["gc_generation.head"])
        let enabled = try memory.load(state &+ UInt64(layout["_gc_runtime_state.enabled"]), as: Int32.self) != 0
        return SnapshotMetadata(
            pythonVersion: version,
            pid: runtime.pid,
            time: started.timeIntervalSince1970,
            rssBytes: runtime.image.origin == .live ? Self.statusField("VmRSS", pid: runtime.pid) : nil,
            peakRSSBytes: runtime.image.origin == .live ? Self.statusField("VmHWM", pid: runtime.pid) : nil,
            gcEnabled: enabled,
            gcCounts: counts,
            gcThresholds: thresholds,
            collected: false,
            capturedBy: (runtime.image.origin == .live
                ? "refgraph heap reader (outside the process) " : "refgraph heap reader (from a core file) ")
                + RefgraphVersion.current,
            executable: runtime.image.executable,
            limitations: [
                "Read from outside the process: objects of types the reader does not decode are flagged referencesUnknown, with no references; what they hold may count as held from outside.",
                "Each thread's innermost Python frame is a thread-frame root, named as threading names the thread. On 3.11+ a running frame that has no frame object is recorded as a frame at the address of its interpreter frame (refcount 1, the size its frame object would have), where the agent makes frame objects at other addresses.",
                "Locals of frames, generators and coroutines are named f_locals['x'] (a cell or free variable holding a cell: f_locals['x'] (cell), to the cell); a running frame's locals are read whatever its stack pointer, its value stack only where the pointer was saved. Not recorded: running 3.11+ frames' f_builtins (borrowed from their function) and coroutines' cr_origin (their traverse lists neither).",
            ]
        )
    }

    /// A `kB` field of /proc/PID/status, in bytes.
    static func statusField(_ name: String, pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let number = line.dropFirst(name.count + 1).split(separator: " ").first
            return number.flatMap { UInt64($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
