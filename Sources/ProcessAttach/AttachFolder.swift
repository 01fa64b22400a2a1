import Foundation

/// The private folder the agent writes into: created mode 0700 under the target's own /tmp
/// (reached through /proc/PID/root, so a target in another mount namespace sees it too) and
/// owned by the target's user, so only that user (and root) can read the snapshot in it.
struct AttachFolder {
    /// The folder's path as refgraph sees it.
    var hostPath: String
    /// The same folder as the target sees it.
    var targetPath: String

    static func create(for target: TargetProcess) throws(AttachError) -> AttachFolder {
        let root = "/proc/\(target.pid)/root"
        let hostBase = access(root + "/tmp", W_OK) == 0 ? root + "/tmp" : NSTemporaryDirectory()
        let targetBase = hostBase.hasPrefix(root) ? "/tmp" : hostBase
        var template = Array((hostBase + "/refgraph-attach-\(target.pid)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw AttachError(
                .snapshotWrite, "Cannot create a private folder in \(hostBase): \(String(cString: strerror(errno))).")
        }
        let hostPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let name = hostPath.split(separator: "/").last.map(String.init) ?? ""
        let folder = AttachFolder(hostPath: hostPath, targetPath: targetBase + "/" + name)
        // A target owned by another user (refgraph run as root) must be able to write here.
        if geteuid() == 0 && target.uid != 0 && chown(hostPath, target.uid, target.gid) != 0 {
            folder.remove()
            throw AttachError(.snapshotWrite, "Cannot give \(hostPath) to the target's user: \(String(cString: strerror(errno))).")
        }
        return folder
    }

    /// Writes `text` into a new file of the folder (mode 0600, owned like the folder).
    func write(_ text: String, named name: String, owner: TargetProcess) throws(AttachError) {
        let path = hostPath + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AttachError(.snapshotWrite, "Cannot write \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw AttachError(.snapshotWrite, "Cannot write \(path): \(String(cString: strerror(errno))).")
            }
            written += n
        }
        if geteuid() == 0 && owner.uid != 0 { _ = fchown(fd, owner.uid, owner.gid) }
    }

    /// The text of a file of the folder, if it exists.
    func read(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: hostPath + "/" + name) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ name: String) -> Bool { access(hostPath + "/" + name, F_OK) == 0 }

    /// Removes the folder so that an agent still to run finds nothing to write into: first
    /// renamed (one atomic step after which no path the agent was given resolves), then deleted.
    func remove() {
        let retired = hostPath + ".done"
        let gone = rename(hostPath, retired) == 0 ? retired : hostPath
        for _ in 0..<20 {
            try? FileManager.default.removeItem(atPath: gone)
            if access(gone, F_OK) != 0 { return }
            usleep(50_000)
        }
    }
}
