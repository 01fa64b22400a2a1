/// A query that ran but has nothing to give for what was asked (nothing to draw): printed by
/// ArgumentParser as one `Error: ...` line, exit status 1.
struct QueryFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
