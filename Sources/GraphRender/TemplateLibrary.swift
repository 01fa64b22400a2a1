import Foundation
import Mustache
import RefgraphTemplates

/// The parsed templates of one family (`dot`, `html`), loaded once from the package resources of the
/// `RefgraphTemplates` target. Each `NAME.mustache` file is registered as `family/NAME`, the
/// name partials use (`{{> dot/node}}`).
enum TemplateLibrary {
    /// The DOT templates, loaded on first use.
    static let dot: Result<MustacheLibrary, GraphRenderError> = load(family: "dot")
    /// The HTML templates (the leak-suspects page), loaded on first use.
    static let html: Result<MustacheLibrary, GraphRenderError> = load(family: "html")

    /// Renders `view` with the template `family/name` of `library`.
    static func render(
        _ view: Any,
        template name: String,
        in library: Result<MustacheLibrary, GraphRenderError>
    ) throws(GraphRenderError) -> String {
        let templates = try library.get()
        guard let text = templates.render(view, withTemplate: name) else {
            throw GraphRenderError(.templateInvalid(name: name, reason: "no such template was loaded"))
        }
        return text
    }

    static func load(family: String) -> Result<MustacheLibrary, GraphRenderError> {
        guard let folder = try? RefgraphTemplates.folder(family) else {
            return .failure(GraphRenderError(.templatesMissing(family: family)))
        }
        let suffix = ".mustache"
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(suffix) }.sorted()
        } catch {
            return .failure(GraphRenderError(.templatesMissing(family: family)))
        }
        var library = MustacheLibrary()
        for file in files {
            let name = family + "/" + file.dropLast(suffix.count)
            do {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                try library.register(text, named: name)
            } catch {
                return .failure(GraphRenderError(.templateInvalid(name: name, reason: "\(error)")))
            }
        }
        return .success(library)
    }
}
