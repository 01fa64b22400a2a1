extension StringProtocol {
    /// Whether the text is a Python identifier (`_` or a letter, then `_`, letters or digits,
    /// by Unicode's XID properties as Python's own rule).
    ///
    /// - Complexity: O(length).
    package var isPythonIdentifier: Bool {
        guard let first = unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    /// Whether the text is identifiers joined by dots (`a.b.c`), as Python could spell it.
    ///
    /// - Complexity: O(length).
    package var isPythonDottedPath: Bool {
        split(separator: ".", omittingEmptySubsequences: false).allSatisfy(\.isPythonIdentifier)
    }
}
