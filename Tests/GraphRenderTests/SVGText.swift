import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an SVG document with an XML parser: whether it is well-formed XML with an `<svg>`
/// root, and the text of its `<text>` elements (entities decoded).
final class SVGText: NSObject, XMLParserDelegate {
    private(set) var rootElement: String?
    private(set) var texts: [String] = []
    private var current: String?

    /// Nil when the bytes are not well-formed XML.
    static func parse(_ bytes: [UInt8]) -> SVGText? {
        let reader = SVGText()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    func parser(
        _ parser: XMLParser,
        didStartElement name: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if rootElement == nil { rootElement = name }
        if name == "text" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let text = current {
            texts.append(text)
            current = nil
        }
    }
}
