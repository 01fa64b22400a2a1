import HeapGraph

extension HeapIndex {
    /// A chain as text, one line per object: the holder first (`module leakyapp`), then per
    /// link the reference's name and the object it leads to, indented
    /// (`  .__dict__ → dict (12 items)`, `  ['dispatcher'] → Dispatcher`).
    ///
    /// - Complexity: O(chain length).
    public func describe(_ chain: ReferenceChain) -> [String] {
        var lines = [shortDescription(of: chain.objects[0])]
        for i in 1..<chain.objects.count {
            let name = edgeName(chain.edgeLabels[i - 1], from: chain.objects[i - 1])
            let prefix = name.isEmpty ? "  → " : "  \(name) → "
            lines.append(prefix + shortDescription(of: chain.objects[i]))
        }
        return lines
    }

    /// A chain result as text: the chain's lines, or for an unreachable target one line
    /// saying so and one line naming what refers to it.
    ///
    /// - Complexity: O(chain length), or O(holders).
    public func describe(_ result: ChainResult, end: ChainEnd) -> [String] {
        switch result {
        case let .found(chain):
            return describe(chain)
        case let .unreachable(target, holders):
            let first =
                "\(shortDescription(of: target)) at \(hexAddress(of: target)) is not reachable from \(describe(end))."
            if holders.isEmpty {
                return [
                    first,
                    "Nothing in the snapshot refers to it: it is held from outside the recorded graph (C code or the stack), or about to be freed.",
                ]
            }
            let shown = holders.prefix(10).map { shortDescription(of: $0) }.joined(separator: ", ")
            let more = holders.count > 10 ? " and \(holders.count - 10) more" : ""
            return [first, "Referred to by \(holders.count) object\(holders.count == 1 ? "" : "s"): \(shown)\(more)."]
        }
    }

    /// An object as its short type name and label: `module leakyapp` for modules, classes and
    /// functions, `dict (12 items)` for others, the type name alone when there is no label.
    /// Both are made visible by `SafeText`, the label cut at `maxLabelCharacters`.
    ///
    /// - Complexity: O(type name length + `maxLabelCharacters`).
    public func shortDescription(of object: ObjectID) -> String {
        let type = SafeText.visible(
            String(ObjectSelector.shortName(of: snapshot.type(of: object))),
            maxCharacters: Self.maxNameCharacters
        )
        let label = SafeText.visible(snapshot.label(of: object), maxCharacters: Self.maxLabelCharacters)
        if label.isEmpty { return type }
        let named: ObjectFlags = [.module, .typeObject, .function]
        return snapshot.flags(of: object).isDisjoint(with: named) ? "\(type) (\(label))" : "\(type) \(label)"
    }

    /// A reference's name written the way Python would reach it from `source`: `['key']` from
    /// a dict, `[3]` for a numeric label from a list or tuple, `.name` for an identifier; a
    /// dict's reference to a key as `(a key)`, a set's to a member as `(an item)`, another
    /// `<name>` as `(the name)`; otherwise the label as recorded ("" when the reference has no
    /// name); made visible by `SafeText` and cut at `maxLabelCharacters`.
    ///
    /// - Complexity: O(`maxLabelCharacters`).
    public func edgeName(_ label: StringID, from source: ObjectID) -> String {
        let text = SafeText.visible(snapshot.strings[label], maxCharacters: Self.maxLabelCharacters)
        let type = snapshot.type(of: source)
        let builtin = type.module == "builtins" || type.module.isEmpty
        if text.isEmpty { return builtin && (type.name == "set" || type.name == "frozenset") ? "(an item)" : "" }
        if text.hasPrefix("[") || text.hasPrefix(".") { return text }
        if text == "<key>" { return "(a key)" }
        if text.hasPrefix("<") && text.hasSuffix(">") && text.count > 2 {
            return "(the \(text.dropFirst().dropLast()))"
        }
        if builtin && type.name == "dict" { return "['\(text)']" }
        if builtin && (type.name == "list" || type.name == "tuple") && text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return "[\(text)]"
        }
        if text.isPythonIdentifier { return ".\(text)" }
        return text
    }

    /// The object's address as `0x` and lowercase hex digits.
    public func hexAddress(of object: ObjectID) -> String {
        "0x" + String(snapshot.address(of: object), radix: 16)
    }

    private func describe(_ end: ChainEnd) -> String {
        switch end {
        case .module: return "any module"
        case .root: return "any root"
        case let .type(type): return "any object of type \(visibleQualifiedName(type))"
        case let .types(types):
            return "any object of type " + types.map(visibleQualifiedName).joined(separator: " or ")
        case let .objects(objects):
            return objects.count == 1
                ? "the object at \(hexAddress(of: objects[0]))" : "any of \(objects.count) chosen objects"
        }
    }

    /// The most characters of a label or reference name the text shows.
    static let maxLabelCharacters = 200
    /// The most characters of a type name the text shows.
    static let maxNameCharacters = 300

    /// A type's qualified name made visible by `SafeText`.
    public func visibleQualifiedName(_ type: TypeID) -> String {
        SafeText.visible(snapshot.types[type.index].qualifiedName, maxCharacters: Self.maxNameCharacters)
    }
}
