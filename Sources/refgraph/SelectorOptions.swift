import ArgumentParser
import HeapGraph

/// How every query chooses its objects: `--type NAME` or `--address 0x…`, then `--pick N` or `--all`.
struct SelectorOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Objects of this type: a short name (Request) or a module-qualified one (app.models.Request).",
            valueName: "name"
        )
    )
    var type: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The object at this address: hexadecimal (0x7f...) or the decimal number id() prints; repeat it to start from several objects at once.",
            valueName: "address"
        )
    )
    var address: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("When several objects match, take the Nth (counting from 1).", valueName: "n")
    )
    var pick: Int?

    @Flag(name: .long, help: "When several objects match, take all of them.")
    var all = false

    /// Whether `--type` or `--address` was given.
    var isGiven: Bool { type != nil || !address.isEmpty }

    /// Checks the options among themselves; a command whose selection is required also calls
    /// `requireSelection()`.
    func validate() throws {
        if type != nil && !address.isEmpty { throw ValidationError("Give either '--type' or '--address', not both.") }
        if let bad = address.first(where: { Self.parseAddress($0) == nil }) {
            throw ValidationError(
                "'--address' must be an address such as 0x7f3a2c1b4e50 or the decimal number id() prints, not '\(bad)'."
            )
        }
        if let pick, pick < 1 { throw ValidationError("'--pick' must be at least 1.") }
        if pick != nil && all { throw ValidationError("Give either '--pick' or '--all', not both.") }
    }

    /// Refuses options that choose no objects, for commands that need a selection.
    func requireSelection() throws {
        if !isGiven { throw ValidationError("Choose the objects with '--type NAME' or '--address 0x...'.") }
    }

    /// The selector these options describe; `defaultMultiple` applies when neither `--pick` nor
    /// `--all` is given, except that several `--address`es choose all of them.
    func selector(defaultMultiple: ObjectSelector.Multiple) -> ObjectSelector {
        let criterion: ObjectSelector.Criterion
        if let type {
            criterion = .type(type)
        } else {
            criterion = .addresses(address.compactMap(Self.parseAddress))
        }
        let fallback = address.count > 1 ? .all : defaultMultiple
        let multiple: ObjectSelector.Multiple = all ? .all : pick.map { .pick($0) } ?? fallback
        return ObjectSelector(criterion, multiple: multiple)
    }

    /// `0x7f3a...` (hexadecimal), `139994065464224` (decimal, as `id()` prints it) or
    /// `7f3a...` (hexadecimal: it has a letter) → the number.
    static func parseAddress(_ text: String) -> UInt64? {
        if text.lowercased().hasPrefix("0x") { return text.count > 2 ? UInt64(text.dropFirst(2), radix: 16) : nil }
        if !text.isEmpty && text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return UInt64(text, radix: 10) }
        return text.isEmpty ? nil : UInt64(text, radix: 16)
    }
}
