/// A query the user asked for cannot be answered from this snapshot: no object of the
/// named type, an address the snapshot does not hold, a pick out of range.
///
/// Every case carries what the user asked for and the context needed to fix it; the command
/// line words it (Reports' `HeapGraphError.message`), naming its own options.
public enum HeapGraphError: Error, Sendable, Equatable {
    /// No object has a type with this name; `closest` holds the nearest type names by edit
    /// distance (at most three, nearest first), possibly empty.
    case noSuchType(name: String, closest: [String])
    /// No object of the snapshot is at this address.
    case noSuchAddress(UInt64)
    /// `ObjectSelector.Multiple.pick` asked for the `pick`th match (counting from 1) but only
    /// `matchCount` objects match `what` (a phrase such as `type 'Foo'`).
    case pickOutOfRange(pick: Int, matchCount: Int, what: String)
}
