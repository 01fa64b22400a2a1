import Foundation
import HeapGraph
import HeapReader
import TestSupport
import Testing

/// `refgraph core` against the outside reader's snapshot of the live process: the known-heap
/// fixture waits in `select`, so the process a core was written from and the live one are in
/// the same state, and the two snapshots must be the same object for object.
@Suite("Core files", .serialized)
struct CoreFileTests {
    static let gcore = "/usr/bin/gcore"

    /// A fixture process, its live snapshot read from outside, and a core of it by gcore.
    struct Captured {
        var target: TestProcess
        var live: String
        var core: String
    }

    /// Starts the known-heap fixture under `python` (in `folder`, with `environment`), reads its
    /// heap from outside into `folder/live.rgs`, then writes a core of it with gcore.
    func capture(
        _ python: String,
        in folder: String,
        environment: [String: String]? = nil
    ) throws -> Captured {
        let target = try TestProcess(
            python,
            [HeapReaderTests.fixture, HeapReaderTests.agentFolder, folder + "/agent.rgs"],
            in: folder,
            environment: environment
        )
        _ = try target.nextLine(startingWith: "ready")
        let live = folder + "/live.rgs"
        let probe = try TestProcess(HeapReaderTests.probe, ["snapshot", String(target.pid), live])
        #expect(probe.wait(timeout: 120) == 0, "\(probe.stderr)")
        let gcore = try CommandRunner.run(
            try Interpreters.requireExecutable(Self.gcore),
            ["-o", folder + "/core", String(target.pid)]
        )
        #expect(gcore.status == 0, "\(gcore.stderr)")
        #expect(target.isRunning)
        return Captured(target: target, live: live, core: folder + "/core.\(target.pid)")
    }

    /// `refgraph core` with `arguments`, in `folder`.
    func refgraphCore(_ arguments: [String], in folder: String) throws -> CommandResult {
        try CommandRunner.run(TestPaths.refgraphBinary, ["core"] + arguments, in: folder)
    }

    /// The core's snapshot is the live one: the same objects at the same addresses, with the
    /// same types, sizes, refcounts, labels, flags and references; the same roots; the same
    /// process in the metadata, which says it came from a core file.
    func checkSame(core path: String, live livePath: String, pid: Int32, executable: String) throws {
        let core = try SnapshotFile.read(from: path)
        let live = try SnapshotFile.read(from: livePath)
        let comparison = SnapshotComparison(reader: core, oracle: live)
        // The comparison counts every object the reader left opaque, and the references the
        // other side records from it; here both readers are one reader, so those must simply
        // agree, flag for flag and reference for reference (the columns below).
        let differences = comparison.counts.keys.filter {
            !$0.hasPrefix("opaque: ") && !$0.hasPrefix("references of opaque: ")
        }
        #expect(differences == [], "\(comparison.report)")
        let sameColumns =
            core.addresses == live.addresses && core.flags == live.flags && core.sizes == live.sizes
            && core.refcounts == live.refcounts && core.edgeTargets == live.edgeTargets
        #expect(sameColumns)
        #expect(comparison.common == live.objectCount)
        #expect(core.objectCount == live.objectCount)
        #expect(core.edgeCount == live.edgeCount)
        #expect(core.objectCount > 1000)
        let sameRoots = core.roots == live.roots
        #expect(sameRoots)
        #expect(core.metadata.pid == pid)
        #expect(core.metadata.pythonVersion == live.metadata.pythonVersion)
        #expect(core.metadata.gcCounts == live.metadata.gcCounts)
        #expect(core.metadata.gcThresholds == live.metadata.gcThresholds)
        #expect(core.metadata.capturedBy == "refgraph heap reader (from a core file) " + RefgraphVersion.current)
        #expect(core.metadata.rssBytes == nil)
        #expect(core.metadata.executable == executable)
        #expect(core.metadata.limitations == live.metadata.limitations)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
    }

    /// gcore's core of `python` against the live snapshot.
    func checkGcore(_ python: String) throws {
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let captured = try capture(python, in: folder)
        let result = try refgraphCore([captured.core, "--snapshot", folder + "/core.rgs"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("refgraph: snapshot of process \(captured.target.pid) from its core file"))
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(captured.target.pid)/exe")
        try checkSame(core: folder + "/core.rgs", live: captured.live, pid: captured.target.pid, executable: executable)
        // By default the file is named after the core's pid and time, in the current folder.
        let unnamed = try refgraphCore([captured.core], in: folder)
        #expect(unnamed.status == 0, "\(unnamed.stderr)")
        let named = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasPrefix("refgraph-core-\(captured.target.pid)-") && $0.hasSuffix(".rgs")
        }
        #expect(named.count == 1 && unnamed.stderr.hasSuffix("→ \(named.first ?? "?")\n"), "\(unnamed.stderr)")
    }

    @Test("a core by gcore gives the live process's snapshot", arguments: Interpreters.supported)
    func gcoreMatchesLive(version: String) throws {
        try checkGcore(try Interpreters.require(version))
    }

    @Test("a core by gcore of Debian's statically linked python3.11")
    func gcoreOfDebianPython() throws {
        try checkGcore(try Interpreters.requireExecutable(Interpreters.debianPython311))
    }

    @Test(
        "a core written by the kernel gives the live process's snapshot",
        .enabled(if: KernelCorePattern.skipReason == nil, "\(KernelCorePattern.skipReason ?? "")"),
        arguments: ["3.12", "Debian 3.11"]
    )
    func kernelCore(version: String) throws {
        let python =
            version == "Debian 3.11"
            ? try Interpreters.requireExecutable(Interpreters.debianPython311) : try Interpreters.require(version)
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The core size limit is raised for the fixture alone; core_pattern is left as it is.
        let target = try TestProcess(
            "/usr/bin/prlimit",
            ["--core=unlimited", python, HeapReaderTests.fixture, HeapReaderTests.agentFolder, folder + "/agent.rgs"],
            in: folder
        )
        _ = try target.nextLine(startingWith: "ready")
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(target.pid)/exe")
        let live = folder + "/live.rgs"
        let probe = try TestProcess(HeapReaderTests.probe, ["snapshot", String(target.pid), live])
        #expect(probe.wait(timeout: 120) == 0, "\(probe.stderr)")
        target.send(SIGQUIT)
        #expect(target.wait(timeout: 120) == 128 + SIGQUIT)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let core = try #require(names.first { $0.hasPrefix(KernelCorePattern.prefix) && !$0.hasSuffix(".rgs") })
        let result = try refgraphCore([folder + "/" + core, "--snapshot", folder + "/core.rgs"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        try checkSame(core: folder + "/core.rgs", live: live, pid: target.pid, executable: executable)
    }

    /// Each failure is one `Error:` line, exit status 1, and no snapshot in the folder.
    func expectFailure(_ arguments: [String], in folder: String, saying words: String) throws {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        let result = try refgraphCore(arguments, in: folder)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("Error: "), "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == before)
    }

    @Test("a file that is not a core, or a truncated core, is one line and no file")
    func notACore() throws {
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = folder + "/notes.txt"
        try "not a core\n".write(toFile: text, atomically: true, encoding: .utf8)
        try expectFailure([text], in: folder, saying: "\(text) is not an ELF core file.")
        try expectFailure(["/bin/true"], in: folder, saying: "/bin/true is not a core file: it is an ELF executable")
        try expectFailure([folder + "/absent"], in: folder, saying: "Cannot read \(folder)/absent: No such file")
        try expectFailure([folder], in: folder, saying: "it is not a regular file")

        let captured = try capture(try Interpreters.require("3.12"), in: folder)
        captured.target.end()
        try expectFailure([captured.core, "--snapshot", "/dev/null"], in: folder, saying: "/dev/null")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: captured.core))
        let truncated = folder + "/truncated"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        try FileManager.default.removeItem(atPath: captured.core)
        try FileManager.default.removeItem(atPath: captured.live)
        try expectFailure([truncated], in: folder, saying: "The core file \(truncated) is truncated: ")
    }

    @Test("a core without the files' ELF headers is read, and says what it could not check")
    func coreWithoutHeaders() throws {
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let python = try Interpreters.require("3.11")
        let target = try TestProcess(
            python,
            [HeapReaderTests.fixture, HeapReaderTests.agentFolder, folder + "/agent.rgs"],
            in: folder
        )
        _ = try target.nextLine(startingWith: "ready")
        // This process's own filter (it ends with the process): no ELF header pages (bit 4).
        let filter = "/proc/\(target.pid)/coredump_filter"
        let current = try String(contentsOfFile: filter, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let withoutHeaders = (UInt32(current, radix: 16) ?? 0x33) & ~0x10
        try ("0x" + String(withoutHeaders, radix: 16)).write(toFile: filter, atomically: false, encoding: .utf8)
        let gcore = try CommandRunner.run(Self.gcore, ["-o", folder + "/core", String(target.pid)])
        #expect(gcore.status == 0, "\(gcore.stderr)")
        target.end()
        let result = try refgraphCore([folder + "/core.\(target.pid)", "--snapshot", folder + "/core.rgs"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("files the core names could not be checked against it"), "\(result.stderr)")
        let snapshot = try SnapshotFile.read(from: folder + "/core.rgs")
        let library =
            ((python as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            + "/lib/libpython3.11.so.1.0"
        let unchecked = snapshot.metadata.limitations.first {
            $0.hasPrefix("Read from files on this machine that could not be checked")
        }
        #expect(
            unchecked?.contains("\(library) (the core holds no copy of its ELF header)") == true,
            "\(snapshot.metadata.limitations)"
        )
        #expect(snapshot.objectIDs.contains { snapshot.type(of: $0).qualifiedName == "__main__.Point" })
    }

    /// Damage of four kinds, in seeded rounds: bytes of the headers and notes, bytes of the
    /// memory, words of the memory replaced by other words of it (pointers that lead to real
    /// objects of the wrong kind), and words replaced by sizes and counts out of range or just
    /// off (-1, 2^31, a pointer moved by a few bytes).
    @Test(
        "a damaged core gives a snapshot or an error, never a crash",
        arguments: ["3.8", "3.12", "3.13", "Debian 3.11"]
    )
    func damagedCore(version: String) throws {
        let python =
            version == "Debian 3.11"
            ? try Interpreters.requireExecutable(Interpreters.debianPython311) : try Interpreters.require(version)
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let captured = try capture(python, in: folder)
        captured.target.end()
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: captured.core)))
        var random = SplitMix64(seed: 16)
        var outcomes: [String: Int] = [:]
        let rounds = 24
        for round in 0..<rounds {
            var bytes = original
            let memory = 4096..<(bytes.count - 32768)
            func aligned(_ at: Int) -> Int { at & ~7 }
            func put(_ value: UInt64, at offset: Int) {
                for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
            }
            func get(_ offset: Int) -> UInt64 {
                (0..<8).reduce(0) { $0 | UInt64(original[offset + $1]) << (8 * UInt64($1)) }
            }
            for _ in 0..<(4 + round * 32) {
                switch round % 4 {
                case 0:
                    // The headers and notes (gcore writes its notes last, the kernel first).
                    let at =
                        Bool.random(using: &random)
                        ? Int.random(in: 0..<4096, using: &random)
                        : bytes.count - 1 - Int.random(in: 0..<32768, using: &random)
                    bytes[at] = .random(in: 0...255, using: &random)
                case 1:
                    bytes[Int.random(in: memory, using: &random)] = .random(in: 0...255, using: &random)
                case 2:
                    let from = aligned(Int.random(in: memory, using: &random))
                    put(get(from), at: aligned(Int.random(in: memory, using: &random)))
                default:
                    let at = aligned(Int.random(in: memory, using: &random))
                    let values: [UInt64] = [.max, 1 << 63, 1 << 31, 1 << 40 - 1, get(at) &+ 8, get(at) &- 16]
                    put(values[Int.random(in: 0..<values.count, using: &random)], at: at)
                }
            }
            let path = folder + "/damaged"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do throws(HeapReaderError) {
                let snapshot = try HeapReader.snapshot(of: CoreMemory(core: try CoreFile(path: path)))
                outcomes["snapshot", default: 0] += snapshot.objectCount > 0 ? 1 : 0
            } catch {
                #expect(!error.message.contains("\n"))
                outcomes["\(error.kind)", default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == rounds, "\(outcomes)")
        #expect(outcomes["snapshot", default: 0] > 0 && outcomes.count >= 2, "\(outcomes)")
    }

    /// A gc list whose link is broken at one object (a null `_gc_next`, or one that loops
    /// back to the object itself) is read from both ends: every object of the intact core is
    /// still found, and the snapshot says one list was broken.
    @Test("a gc list broken in the middle is read from both ends", arguments: ["null", "loop"])
    func brokenGCList(damage: String) throws {
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let captured = try capture(try Interpreters.require("3.12"), in: folder)
        captured.target.end()
        let core = try CoreFile(path: captured.core)
        let intact = try HeapReader.snapshot(of: CoreMemory(core: core))
        // Objects are numbered in gc-list order: one half-way down the lists.
        let tracked = intact.objectIDs.filter { intact.flags(of: $0).contains(.gcTracked) }
        let victim = try #require(tracked.dropFirst(tracked.count / 2).first)
        let address = intact.addresses[victim.index]
        // The gc header (next, then prev) is the 16 bytes before the object.
        let next = try #require(core.fileOffset(of: address - 16))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: captured.core)))
        let link = damage == "null" ? 0 : address - 16
        for i in 0..<8 { bytes[Int(next) + i] = UInt8(truncatingIfNeeded: link >> (8 * UInt64(i))) }
        let path = folder + "/broken"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let broken = try HeapReader.snapshot(of: CoreMemory(core: try CoreFile(path: path)))
        #expect(Set(broken.addresses) == Set(intact.addresses))
        #expect(broken.edgeCount == intact.edgeCount)
        #expect(
            broken.metadata.limitations.contains { $0.contains("1 broken gc list, read from both ends") },
            "\(broken.metadata.limitations)"
        )
        #expect(!intact.metadata.limitations.contains { $0.contains("broken gc list") })
    }

    @Test("a process that is not CPython, or not 3.8 to 3.13, is refused in one line")
    func notSupported() throws {
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sleeper = try TestProcess("/bin/sleep", ["1000"])
        var gcore = try CommandRunner.run(Self.gcore, ["-o", folder + "/sleep", String(sleeper.pid)])
        #expect(gcore.status == 0, "\(gcore.stderr)")
        sleeper.end()
        let core = folder + "/sleep.\(sleeper.pid)"
        try expectFailure([core], in: folder, saying: "The process in the core file \(core) is not CPython")
        try FileManager.default.removeItem(atPath: core)

        let old = try TestProcess(
            try Interpreters.require("3.7"),
            ["-c", "import select\nprint('ready', flush=True)\nselect.select([], [], [])"]
        )
        _ = try old.nextLine(startingWith: "ready")
        gcore = try CommandRunner.run(Self.gcore, ["-o", folder + "/old", String(old.pid)])
        #expect(gcore.status == 0, "\(gcore.stderr)")
        old.end()
        try expectFailure(
            [folder + "/old.\(old.pid)"],
            in: folder,
            saying: "Python 3.7 is not supported: refgraph reads CPython 3.8 to 3.13."
        )
    }

    @Test("libpython missing or another build is one line; --sysroot finds a copy")
    func libpythonMissingOrDifferent() throws {
        let python = try Interpreters.require("3.12")
        let library =
            ((python as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            + "/lib/libpython3.12.so.1.0"
        let other = try Interpreters.require("3.11")
        let otherLibrary =
            ((other as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            + "/lib/libpython3.11.so.1.0"
        let folder = try TestPaths.scratchFolder("core-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The fixture loads a copy of libpython from a scratch folder (LD_LIBRARY_PATH comes
        // before the executable's RUNPATH), so the copy can go away and pyenv's stays.
        let scratchLibrary = folder + "/lib/libpython3.12.so.1.0"
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: library, toPath: scratchLibrary)
        var environment = ProcessInfo.processInfo.environment
        environment["LD_LIBRARY_PATH"] = folder + "/lib"
        let captured = try capture(python, in: folder, environment: environment)
        let maps = try MemoryMap(pid: captured.target.pid)
        #expect(maps.files.contains(scratchLibrary))
        captured.target.end()
        let out = folder + "/out.rgs"

        // A copy of the files the process had mapped, as from another machine: first without
        // its extension modules, whose type names the snapshot then lacks and says so.
        let root = folder + "/root"
        let files = maps.files.filter { $0.hasPrefix("/") && FileManager.default.fileExists(atPath: $0) }
        let modules = files.filter { $0.contains("/lib-dynload/") }
        #expect(!modules.isEmpty)
        for file in files {
            try FileManager.default.createDirectory(
                atPath: root + (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            if !modules.contains(file) { try FileManager.default.copyItem(atPath: file, toPath: root + file) }
        }
        let partial = try refgraphCore([captured.core, "--snapshot", out, "--sysroot", root], in: folder)
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stderr.contains("files the core names could not be used here"), "\(partial.stderr)")
        let limitations = try SnapshotFile.read(from: out).metadata.limitations
        let unusable = limitations.first { $0.hasPrefix("Files the core names that could not be used here") }
        #expect(unusable?.contains(modules[0]) == true, "\(limitations)")
        for file in modules { try FileManager.default.copyItem(atPath: file, toPath: root + file) }
        try FileManager.default.moveItem(atPath: scratchLibrary, toPath: folder + "/kept.so")
        try expectFailure(
            [captured.core, "--snapshot", out],
            in: folder,
            saying:
                "Cannot read \(scratchLibrary): No such file or directory (a file the process in the core file had mapped). For a core from another machine"
        )
        try FileManager.default.copyItem(atPath: otherLibrary, toPath: scratchLibrary)
        try expectFailure(
            [captured.core, "--snapshot", out],
            in: folder,
            saying: "\(scratchLibrary) is not the file the process in the core file had mapped: build id "
        )
        let result = try refgraphCore([captured.core, "--snapshot", out, "--sysroot", root + "/"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        try checkSame(core: out, live: captured.live, pid: captured.target.pid, executable: python)
    }
}

/// Where the kernel writes core files (`/proc/sys/kernel/core_pattern`), read and never changed.
enum KernelCorePattern {
    static let pattern =
        (try? String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""

    /// The start of the name of a core written in the process's folder.
    static var prefix: String { String(pattern.prefix { $0 != "%" }) }

    /// Why the kernel's cores cannot be checked here, or nil.
    static var skipReason: String? {
        if pattern.hasPrefix("|") {
            return
                "core_pattern pipes cores to a program (\(pattern)), so no core file is left to read; it is not changed by tests"
        }
        if pattern.contains("/") || prefix.isEmpty {
            return "core_pattern (\(pattern)) does not write cores into the process's folder"
        }
        return nil
    }
}
