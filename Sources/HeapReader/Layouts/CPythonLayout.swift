/// The structure offsets, sizes and constants of one CPython minor version, generated from its
/// headers by `scripts/generate-layouts` (see `CPythonLayout+Generated.swift`).
public struct CPythonLayout: Sendable {
    /// The minor version, `"3.11"`.
    public let version: String
    /// The major and minor version as numbers, for comparisons: `(3, 11)`.
    public let minor: Int
    private let entries: [String: Int]

    /// The versions the generated tables cover, oldest first.
    public static let supportedVersions = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

    /// The layout of `version` (`"3.12"`), or an error naming the supported range.
    public init(version: String) throws(HeapReaderError) {
        guard let entries = Self.generated[version], let minor = Int(version.split(separator: ".").last ?? "")
        else {
            throw HeapReaderError(
                .unsupportedVersion,
                "Python \(version) is not supported: refgraph reads CPython 3.8 to 3.13."
            )
        }
        self.version = version
        self.minor = minor
        self.entries = entries
    }

    /// An offset, size or constant by its generated name (`"PyObject.ob_type"`,
    /// `"sizeof(PyGC_Head)"`, `"Py_TPFLAGS_HEAPTYPE"`), or nil when this version has none.
    public func optional(_ name: String) -> Int? { entries[name] ?? entries["calibrated:" + name] }

    /// An entry this version must have; its absence is a fault of the generated data.
    public subscript(_ name: String) -> Int {
        guard let value = optional(name) else {
            preconditionFailure("the generated layout of \(version) has no \(name): run scripts/generate-layouts")
        }
        return value
    }

    /// Every generated entry, for comparisons (3.13's debug offsets).
    public var allEntries: [String: Int] { entries }
}
