import Mustache

// Direct lookups for the template engine, which otherwise reads every value through `Mirror`,
// several times slower (docs/benchmarks.md, "Measurements behind the code"). The names are
// the templates' names.

extension GraphView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rankdir": self.rankdir
        case "maxSize": self.maxSize
        case "dpi": self.dpi
        case "title": self.title
        case "nodes": self.nodes
        case "cuts": self.cuts
        case "edges": self.edges
        default: nil
        }
    }
}

extension GraphView.Node: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "typeName": self.typeName
        case "refcount": self.refcount
        case "text": self.text
        case "details": self.details
        case "notes": self.notes
        case "shape": self.shape
        case "style": self.style
        case "fill": self.fill
        case "border": self.border
        default: nil
        }
    }
}

extension GraphView.Node.Border: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "color": self.color
        case "width": self.width
        default: nil
        }
    }
}

extension GraphView.Cut: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cutID": self.cutID
        case "cutText": self.cutText
        case "cutFrom": self.cutFrom
        case "cutTo": self.cutTo
        default: nil
        }
    }
}

extension GraphView.Edge: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": self.from
        case "to": self.to
        case "name": self.name
        case "weight": self.weight
        case "highlighted": self.highlighted
        case "beside": self.beside
        case "weak": self.weak
        default: nil
        }
    }
}
