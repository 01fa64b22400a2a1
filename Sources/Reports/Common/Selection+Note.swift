import HeapGraph

extension Selection {
    /// A one-line note for the user when more objects matched than were chosen, e.g.
    /// `12 objects have type 'Foo'; showing the first (use --pick N or --all).`; nil otherwise.
    package var note: String? {
        guard chosen.count < matches.count else { return nil }
        let which: String
        switch multiple {
        case let .pick(n): which = "showing number \(n)"
        case .first, .all: which = "showing the first"
        }
        return
            "\(matches.count) objects have \(SafeText.visible(what, maxCharacters: 300)); \(which) (use --pick N or --all)."
    }
}
