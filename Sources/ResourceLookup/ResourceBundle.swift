import Foundation

/// The one place refgraph finds the files SwiftPM copies into a target's resource bundle (the
/// templates, the standalone agent, the attach scripts).
///
/// SwiftPM puts the bundle of target `T` beside the executable it builds (`refgraph_T.resources`
/// in the build folder, for `refgraph` and for the test runner alike), and an install copies it
/// along. The lookup searches only there and throws when the bundle is missing, instead of using
/// `Bundle.module`, whose accessor ends the process in that case.
package struct ResourceBundle: Sendable {
    /// The bundle folder.
    package var path: String

    /// A resource that cannot be found, with the one-line message that says where refgraph looked.
    package struct Missing: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    /// The resource bundle of the target named `target` (`"PythonAgent"`), found beside the running
    /// executable (symbolic links resolved) or in `Bundle.main`'s folder.
    package static func of(target: String) throws(Missing) -> ResourceBundle {
        let suffix = "_\(target).resources"
        for folder in searchFolders {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let entry = entries.sorted().first(where: { $0.hasSuffix(suffix) && isFolder(folder + "/" + $0) }) {
                return ResourceBundle(path: folder + "/" + entry)
            }
        }
        throw Missing(
            description: "refgraph's resource folder *\(suffix) was not found beside the refgraph executable "
                + "(looked in \(searchFolders.joined(separator: ", "))); reinstall refgraph with its *.resources folders."
        )
    }

    /// The absolute path of the file `name` in the bundle.
    package func file(_ name: String) throws(Missing) -> String {
        let file = path + "/" + name
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw Missing(
                description:
                    "refgraph's resource file \(file) is missing; reinstall refgraph with its *.resources folders."
            )
        }
        return file
    }

    /// The text of the file `name` in the bundle (UTF-8).
    package func text(_ name: String) throws(Missing) -> String {
        let file = try file(name)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Missing(
                description:
                    "refgraph's resource file \(file) cannot be read; reinstall refgraph with its *.resources folders."
            )
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The folders a bundle may be in: the executable's own (through /proc/self/exe, which names
    /// the file itself, not a symbolic link to it) and `Bundle.main`'s, each once.
    private static let searchFolders: [String] = {
        var folders: [String] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: executable).deletingLastPathComponent().path)
        } else if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        let main = Bundle.main.bundleURL.standardizedFileURL.path
        if !folders.contains(main) { folders.append(main) }
        return folders
    }()

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
