import HeapGraph

extension HeapGraphError {
    /// The error as one full sentence for a one-line error message, naming the command
    /// line's options where they fix it.
    package var message: String {
        switch self {
        case let .noSuchType(name, closest):
            let shown = SafeText.visible(name, maxCharacters: 300)
            if closest.isEmpty { return "No object has type '\(shown)'." }
            let names = closest.map { SafeText.visible($0, maxCharacters: 300) }
            return "No object has type '\(shown)'; closest types: \(names.joined(separator: ", "))."
        case let .noSuchAddress(address):
            return "No object at address 0x\(String(address, radix: 16)) is in the snapshot."
        case let .pickOutOfRange(pick, matchCount, what):
            let objects = matchCount == 1 ? "1 object has" : "\(matchCount) objects have"
            return
                "'--pick \(pick)' is out of range: \(objects) \(SafeText.visible(what, maxCharacters: 300)); pick a number from 1 to \(matchCount)."
        }
    }
}
