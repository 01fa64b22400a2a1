import Foundation

/// The one place the project's templates are found: the folders of the top-level `Templates/`
/// folder are copied into this target's resource bundle and read from there, never looked up
/// relative to a source file.
public enum RefgraphTemplates {
    /// The folder of one family of templates (`"dot"`, `"html"`), or nil when the resource bundle has no
    /// such folder.
    public static func folder(_ family: String) -> URL? {
        Bundle.module.url(forResource: family, withExtension: nil)
    }
}
