/// A query the user asked for cannot be answered from this snapshot: no object of the
/// named type, an address the snapshot does not hold, a `--pick` out of range.
///
/// Every case carries what the user asked for and the context needed to fix it;
/// `description` is one full sentence suitable for a one-line error message.
public enum HeapGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No object has a type with this name; `closest` holds the nearest type names by edit
    /// distance (at most three, nearest first), possibly empty.
    case noSuchType(name: String, closest: [String])
    /// No object of the snapshot is at this address.
    case noSuchAddress(UInt64)
    /// `--pick` asked for the `pick`th match (counting from 1) but only `matchCount` objects
    /// match `what` (a phrase such as `type 'Foo'`).
    case pickOutOfRange(pick: Int, matchCount: Int, what: String)
    /// Two snapshots that a comparison needs from one process are not: `reason` is
    /// `SnapshotMetadata.processDifference(from:)`'s phrase, `old` and `new` name the files.
    case differentProcesses(old: String, new: String, reason: String)

    public var description: String {
        switch self {
        case let .noSuchType(name, closest):
            if closest.isEmpty { return "No object has type '\(name)'." }
            return "No object has type '\(name)'; closest types: \(closest.joined(separator: ", "))."
        case let .noSuchAddress(address):
            return "No object at address 0x\(String(address, radix: 16)) is in the snapshot."
        case let .pickOutOfRange(pick, matchCount, what):
            let objects = matchCount == 1 ? "1 object has" : "\(matchCount) objects have"
            return "'--pick \(pick)' is out of range: \(objects) \(what); pick a number from 1 to \(matchCount)."
        case let .differentProcesses(old, new, reason):
            return "'\(old)' and '\(new)' were \(reason), so their difference is not growth; pass --force to compare them anyway."
        }
    }
}
