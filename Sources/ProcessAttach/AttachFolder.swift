import Foundation

/// The private folder the agent writes into: created mode 0700 under the target's own /tmp
/// (reached through /proc/PID/root, so a target in another mount namespace sees it too) and
/// owned by the target's user, so only that user (and root) can read the snapshot in it.
///
/// refgraph keeps the folder's parent open and reaches the folder through that descriptor
/// (`/proc/self/fd/N/NAME`): /proc/PID/root stops leading anywhere once the target exits, and
/// the folder, perhaps holding a complete copy of the heap, must still be read and removed.
final class AttachFolder {
    /// The folder's path through /proc/PID/root, for gdb (which runs while the target lives)
    /// and for messages.
    let hostPath: String
    /// The same folder as the target sees it.
    let targetPath: String
    /// The folder's path through refgraph's descriptor of its parent, valid whatever the target does.
    let path: String
    private let parent: Int32

    private init(hostPath: String, targetPath: String, path: String, parent: Int32) {
        self.hostPath = hostPath
        self.targetPath = targetPath
        self.path = path
        self.parent = parent
    }

    deinit { close(parent) }

    static func create(for target: TargetProcess) throws(AttachError) -> AttachFolder {
        let root = "/proc/\(target.pid)/root"
        let hostBase = access(root + "/tmp", W_OK) == 0 ? root + "/tmp" : NSTemporaryDirectory()
        let targetBase = hostBase.hasPrefix(root) ? "/tmp" : hostBase
        let parent = open(hostBase, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            throw AttachError(.snapshotWrite, "Cannot open \(hostBase): \(String(cString: strerror(errno))).")
        }
        // mkdtemp in the opened folder itself, not in whatever hostBase names by then.
        var template = Array("/proc/self/fd/\(parent)/refgraph-attach-\(target.pid)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            let reason = String(cString: strerror(errno))
            close(parent)
            throw AttachError(.snapshotWrite, "Cannot create a private folder in \(hostBase): \(reason).")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        let folder = AttachFolder(
            hostPath: hostBase + "/" + name,
            targetPath: targetBase + "/" + name,
            path: path,
            parent: parent
        )
        // A target owned by another user (refgraph run as root) must be able to write here.
        if geteuid() == 0 && target.uid != 0 && chown(path, target.uid, target.gid) != 0 {
            let reason = String(cString: strerror(errno))
            folder.remove()
            throw AttachError(.snapshotWrite, "Cannot give \(folder.hostPath) to the target's user: \(reason).")
        }
        return folder
    }

    /// Writes `text` into a new file of the folder (mode 0600, owned like the folder).
    func write(_ text: String, named name: String, owner: TargetProcess) throws(AttachError) {
        let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AttachError(.snapshotWrite, "Cannot write \(hostPath)/\(name): \(String(cString: strerror(errno))).")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw AttachError(
                    .snapshotWrite,
                    "Cannot write \(hostPath)/\(name): \(String(cString: strerror(errno)))."
                )
            }
            written += n
        }
        if geteuid() == 0 && owner.uid != 0 { _ = fchown(fd, owner.uid, owner.gid) }
    }

    /// The text of a file of the folder, if it exists.
    func read(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path + "/" + name) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ name: String) -> Bool { access(path + "/" + name, F_OK) == 0 }

    /// Removes the folder so that an agent still to run finds nothing to write into: first
    /// renamed (one atomic step after which no path the agent was given resolves), then deleted.
    func remove() {
        let retired = path + ".done"
        let gone = rename(path, retired) == 0 ? retired : path
        for _ in 0..<20 {
            try? FileManager.default.removeItem(atPath: gone)
            if access(gone, F_OK) != 0 { return }
            usleep(50_000)
        }
    }
}
