import Foundation
import HeapGraph

extension HeapReader {
    /// The snapshot of the columns read: objects that could not be read and the references to
    /// them removed (and counted), the types named, the modules of `sys.modules` and every
    /// thread's innermost frame as roots, then the objects held from outside (by HeapGraph's
    /// rule); lent to `body`.
    func finish<Result>(
        main: UInt64,
        threads: [ThreadTop],
        started: Date,
        _ body: (SnapshotColumns) -> Result
    ) throws(HeapReaderError) -> Result {
        let dropped = columns.removeUnreadable() + columns.impossibleReferences
        if dropped > 0 { skipped["reference to an unreadable object", default: 0] += dropped }
        var metadata = try metadata(interpreter: main, started: started)
        let types = zip(typeList, typeNames).map { type, names in
            TypeInfo(
                module: names.module,
                name: names.name,
                object: columns.existingID(of: type.address).map(ObjectID.init)
            )
        }
        var roots: [Root] = []
        let modules = try field(main, "PyInterpreterState.modules")
        if modules != 0, let entries = try? dictEntries(modules) {
            for (key, value) in entries {
                guard let object = columns.existingID(of: value), let name = try? string(key) else { continue }
                roots.append(
                    Root(
                        object: ObjectID(rawValue: object),
                        kind: .module,
                        name: StringID(rawValue: columns.strings.intern(name))
                    )
                )
            }
        }
        for thread in threads {
            guard let object = columns.existingID(of: thread.frame) else { continue }
            roots.append(
                Root(
                    object: ObjectID(rawValue: object),
                    kind: .threadFrame,
                    name: StringID(rawValue: columns.strings.intern(thread.name)),
                    detail: thread.threadID
                )
            )
        }
        roots += Root.heldFromOutside(
            refcounts: columns.buffers.refcounts.buffer,
            edgeTargets: columns.buffers.edgeTargets.buffer
        )
        metadata.captureSeconds = Date().timeIntervalSince(started)
        if !skipped.isEmpty {
            metadata.limitations.append(
                "Skipped while reading: "
                    + skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "."
            )
        }
        return body(
            columns.buffers.snapshotColumns(metadata: metadata, strings: columns.strings, types: types, roots: roots)
        )
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
