/// Chooses the objects a query starts from, the same way for every query: by type name or by
/// address, then one, a picked one, or all of the matches.
///
/// Defaults: `multiple` is `.first` unless given, which keeps a backrefs or refs picture
/// readable when thousands of objects share a type (objgraph users write
/// `show_backrefs(by_type('Foo')[0])`). The chain query should pass `.all`
/// (`Multiple.defaultForChain`): its multi-source search then finds the matching object
/// nearest to a root, which is the one worth showing.
public struct ObjectSelector: Sendable, Equatable {
    /// What the objects must match.
    public enum Criterion: Sendable, Equatable {
        /// Objects whose type has this name. The name matches a type's short name (`__name__`,
        /// the last part of `__qualname__`), its `__qualname__`, its qualified name
        /// (`module.qualname`, as `TypeInfo.qualifiedName`), or `builtins.name` for built-in
        /// types. objgraph's `by_type` takes short names, or long names when there is a dot.
        case type(String)
        /// The objects at these addresses in the captured process, in the order given
        /// (objgraph's `show_backrefs([a, b])`); an address given twice counts once.
        case addresses([UInt64])

        /// The object at this address.
        public static func address(_ address: UInt64) -> Criterion { .addresses([address]) }
    }

    /// Which of several matching objects to choose.
    public enum Multiple: Sendable, Equatable {
        /// The `n`th match in snapshot order, counting from 1 (`--pick N`).
        case pick(Int)
        /// Every match (`--all`).
        case all
        /// The first match in snapshot order.
        case first

        /// What a chain query should use: all matches, so the nearest to a root wins.
        public static let defaultForChain = Multiple.all
        /// What backrefs and refs use: the first match.
        public static let defaultForGraphs = Multiple.first
    }

    public var criterion: Criterion
    public var multiple: Multiple

    public init(_ criterion: Criterion, multiple: Multiple = .first) {
        self.criterion = criterion
        self.multiple = multiple
    }

    /// The matching objects and the ones chosen among them.
    ///
    /// - Throws: `HeapGraphError.noSuchType` (with the closest type names),
    ///   `.noSuchAddress`, or `.pickOutOfRange`.
    /// - Complexity: O(objects) for an address or a name matching several types; O(types ×
    ///   name length²) more to suggest names when nothing matches; otherwise O(matches + types).
    public func select(in index: HeapIndex) throws(HeapGraphError) -> Selection {
        let matches: [ObjectID]
        let what: String
        switch criterion {
        case let .type(name):
            what = "type '\(name)'"
            matches = index.objects(ofTypes: try index.types(named: name))
            if matches.isEmpty {
                throw .noSuchType(name: name, closest: index.closestTypeNames(to: name, limit: 3))
            }
        case let .addresses(addresses):
            precondition(!addresses.isEmpty, "an address selector needs an address")
            let hex = addresses.map { "0x" + String($0, radix: 16) }
            what = (addresses.count == 1 ? "address " : "addresses ") + hex.joined(separator: ", ")
            var found: [ObjectID] = []
            for address in addresses {
                guard let object = index.object(atAddress: address) else { throw .noSuchAddress(address) }
                if !found.contains(object) { found.append(object) }
            }
            matches = found
        }

        let chosen: [ObjectID]
        switch multiple {
        case .first: chosen = [matches[0]]
        case .all: chosen = matches
        case let .pick(n):
            guard n >= 1 && n <= matches.count else {
                throw .pickOutOfRange(pick: n, matchCount: matches.count, what: what)
            }
            chosen = [matches[n - 1]]
        }
        return Selection(matches: matches, chosen: chosen, what: what, multiple: multiple)
    }

    /// Whether a type answers to `name` (see `Criterion.type`).
    static func type(_ info: TypeInfo, isNamed name: String) -> Bool {
        if info.name == name || info.qualifiedName == name { return true }
        if !info.module.isEmpty && name.utf8.count == info.module.utf8.count + 1 + info.name.utf8.count
            && name == "\(info.module).\(info.name)"
        {
            return true
        }
        return shortName(of: info) == name
    }

    /// `__name__`: the last part of a type's `__qualname__`.
    package static func shortName(of info: TypeInfo) -> Substring {
        guard let dot = info.name.lastIndex(of: ".") else { return info.name[...] }
        return info.name[info.name.index(after: dot)...]
    }
}

/// The objects an `ObjectSelector` matched and the ones it chose.
public struct Selection: Sendable, Equatable {
    /// Every matching object, in snapshot order.
    public var matches: [ObjectID]
    /// The objects the query starts from, in snapshot order.
    public var chosen: [ObjectID]
    /// What was asked for, as a phrase: `type 'Foo'` or `address 0x7f00`.
    public var what: String
    /// How the chosen objects were taken from the matches.
    public var multiple: ObjectSelector.Multiple

    public init(matches: [ObjectID], chosen: [ObjectID], what: String, multiple: ObjectSelector.Multiple) {
        self.matches = matches
        self.chosen = chosen
        self.what = what
        self.multiple = multiple
    }

    /// The number of matching objects.
    public var matchCount: Int { matches.count }

    /// The chosen objects as a phrase for a picture's title: `the object of type 'Foo'`,
    /// `object 3 of 12 of type 'Foo'`, `all 12 objects of type 'Foo'`, or
    /// `the object at address 0x7f00`.
    public var subject: String {
        if matches.count == 1 { return "the object of \(what)" }
        if chosen.count == matches.count { return "all \(matches.count) objects of \(what)" }
        let number = if case let .pick(n) = multiple { n } else { 1 }
        return "object \(number) of \(matches.count) of \(what)"
    }
}
