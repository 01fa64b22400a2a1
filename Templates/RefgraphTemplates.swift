import Foundation
import ResourceLookup

/// The one place the project's templates are found: the folders of the top-level `Templates/`
/// folder are copied into this target's resource bundle and read from there (through
/// `ResourceBundle`), never looked up relative to a source file.
package enum RefgraphTemplates {
    /// The folder of one family of templates (`"dot"`, `"html"`).
    ///
    /// - Throws: `ResourceBundle.Missing` when the resource bundle or the family's folder is missing.
    package static func folder(_ family: String) throws(ResourceBundle.Missing) -> URL {
        URL(fileURLWithPath: try ResourceBundle.of(target: "RefgraphTemplates").file(family))
    }
}
