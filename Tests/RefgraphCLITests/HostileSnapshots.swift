import HeapGraph
import TestSupport

/// Well-formed snapshots with extreme field values, written through the real writer: times
/// and durations that are not finite or absurdly large, sizes and reference counts near 2^64,
/// huge metadata arrays, megabyte labels, and names full of terminal control characters.
///
/// Each seed gives the same pair of snapshots (an older and a newer one of one process, for
/// `growth` and `leaks`) on every run.
enum HostileSnapshots {
    /// The type every file has objects of, under a name a user can type.
    static let victimType = "Victim"

    /// Times (seconds since the epoch): non-finite, far in the past and future, and ordinary.
    static let times: [Double] = [.nan, .infinity, -.infinity, -1e300, 1e300, 4e12, -4e12, 1e18, 0, 1_700_000_000.5]
    /// Capture durations in seconds.
    static let durations: [Double] = [.nan, .infinity, -.infinity, -1e300, 1e300, -1, 0, 1e-300]
    /// Sizes, reference counts and byte counts near the top of `UInt64`.
    static let hugeCounts: [UInt64] = [.max, .max - 7, 1 << 63, (1 << 63) + 1, 0, 1]

    /// Text that a terminal would act on or a reader would misread: ESC sequences, BEL, CR,
    /// NUL, DEL, C1 controls (CSI, OSC), bidi overrides and isolates, line separators.
    static let hostileTexts: [String] = [
        "\u{1B}[2J\u{1B}[31mred", "bell\u{07}", "over\rwrite", "nul\u{0}cut", "del\u{7F}",
        "csi\u{9B}31m", "osc\u{9D}0;title\u{9C}", "\u{1B}]0;title\u{07}", "bidi\u{202E}exe.txt",
        "iso\u{2067}late", "line\u{2028}sep", "tab\there", "new\nline", "back\u{08}space",
        "\u{1B}P+q\u{1B}\\", "ok",
    ]

    /// The older and newer snapshot of `seed`.
    static func pair(seed: UInt64) -> (old: Snapshot, new: Snapshot) {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let time = times[Int(seed) % times.count]
        let metadata = self.metadata(seed: seed, time: time, random: &random)
        let hugeArgv = seed % 4 == 1
        let hugeLabel = seed % 4 == 2
        var newer = metadata
        newer.time = time + 60
        newer.captureSeconds = durations[Int(seed + 3) % durations.count]
        if hugeArgv { newer.argv = metadata.argv }
        return (
            heap(metadata, seed: seed, hugeLabel: hugeLabel, extra: 0),
            heap(newer, seed: seed, hugeLabel: hugeLabel, extra: 40)
        )
    }

    private static func hostile(_ random: inout SplitMix64) -> String {
        hostileTexts[Int(random.next(below: UInt64(hostileTexts.count)))]
            + hostileTexts[Int(random.next(below: UInt64(hostileTexts.count)))]
    }

    private static func metadata(seed: UInt64, time: Double, random: inout SplitMix64) -> SnapshotMetadata {
        let argv: [String] =
            seed % 4 == 1
            ? (0..<30_000).map { "arg\($0)" + (($0 % 1000 == 0) ? "\u{1B}[5m" : "") }
            : (0..<4).map { _ in hostile(&random) }
        return SnapshotMetadata(
            pythonVersion: "3.11.2\u{1B}[8m " + hostile(&random),
            pythonImplementation: hostile(&random),
            pid: seed % 2 == 0 ? .max : .min,
            time: time,
            rssBytes: hugeCounts[Int(seed) % hugeCounts.count],
            peakRSSBytes: .max,
            gcEnabled: true,
            gcCounts: [.max, .min, 0],
            gcThresholds: [Int.max, 10, 10],
            collected: seed % 2 == 1,
            capturedBy: "fuzz\u{07}" + hostile(&random),
            captureSeconds: durations[Int(seed) % durations.count],
            executable: "/usr/bin/\u{1B}[1mpython" + hostile(&random),
            argv: argv,
            incomplete: seed % 3 == 0 ? "stopped\u{1B}[0m" + hostile(&random) : nil,
            limitations: [hostile(&random), hostile(&random)]
        )
    }

    /// A module holding, through its dict, a container of `Victim` objects, each in a
    /// two-object cycle with a hostile-named type, plus an orphan held from outside;
    /// `extra` more victims in the container make the newer snapshot grow.
    private static func heap(_ metadata: SnapshotMetadata, seed: UInt64, hugeLabel: Bool, extra: Int) -> Snapshot {
        var random = SplitMix64(seed: seed)
        var b = SnapshotBuilder(metadata: metadata)
        let module = b.type(module: "builtins", name: "module")
        let dict = b.type(module: "builtins", name: "dict")
        let list = b.type(module: "builtins", name: "list")
        let victim = b.type(module: "evil\u{1B}[7m" + hostile(&random), name: victimType)
        let evil = b.type(module: hostile(&random), name: "Evil" + hostile(&random))
        let nul = b.type(module: "mod\u{0}hidden", name: "Nul\u{0}Hidden")
        let huge = hugeCounts[Int(seed) % hugeCounts.count]

        let main = b.addObject(
            address: 0x7f00_0000_1000,
            type: module,
            size: 72,
            refcount: 3,
            label: "__main__" + hostile(&random),
            flags: [.gcTracked, .module]
        )
        let mainDict = b.addObject(
            address: 0x7f00_0000_2000,
            type: dict,
            size: huge,
            refcount: .max,
            label: hostile(&random),
            flags: .gcTracked
        )
        let holder = b.addObject(
            address: 0x7f00_0000_3000,
            type: list,
            size: .max,
            refcount: 1,
            label: hostile(&random),
            flags: .gcTracked
        )
        b.addEdge(from: main, to: mainDict, label: ".__dict__")
        b.addEdge(from: mainDict, to: holder, label: hostile(&random))
        b.addRoot(main, kind: .module, name: "__main__" + hostile(&random))

        var address: UInt64 = 0x7f00_1000_0000
        for i in 0..<(12 + extra) {
            let label = hugeLabel && i == 0 ? String(repeating: "\u{1B}[1m\u{0}x", count: 200_000) : hostile(&random)
            let v = b.addObject(
                address: address,
                type: victim,
                size: .max - UInt64(i),
                refcount: .max,
                label: label,
                flags: .gcTracked
            )
            let e = b.addObject(
                address: address + 0x100,
                type: i % 3 == 0 ? nul : evil,
                size: huge,
                refcount: .max - 1,
                label: hostile(&random),
                flags: .gcTracked
            )
            address += 0x1000
            b.addEdge(from: holder, to: e, label: "[\(i)]")
            b.addEdge(from: e, to: v, label: hostile(&random))
            b.addEdge(from: v, to: e, label: hostile(&random))
        }
        let orphan = b.addObject(
            address: 0x7f00_0000_4000,
            type: evil,
            size: .max,
            refcount: .max,
            label: hostile(&random),
            flags: .gcTracked
        )
        b.addRoot(orphan, kind: .heldFromOutside, name: hostile(&random), detail: .max)
        b.addRoot(holder, kind: .threadFrame, name: hostile(&random), detail: .max)
        return b.build()
    }
}
