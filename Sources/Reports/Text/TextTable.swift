/// A plain-text table with aligned columns under a header, as objgraph's
/// `show_most_common_types` prints them but with titles, for `refgraph top` and later tables.
///
///     type      count     size
///     --------  -----  -------
///     tuple      8959  512 KiB
///     --------  -----  -------
///     total      9000  600 KiB
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left
        case right
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    /// The rows, each a cell per column; missing cells at the end are blank.
    public var rows: [[String]]
    /// A last row under a rule, for totals.
    public var total: [String]?

    public init(columns: [Column], rows: [[String]] = [], total: [String]? = nil) {
        self.columns = columns
        self.rows = rows
        self.total = total
    }

    /// Adds a row.
    ///
    /// - Precondition: the row has no more cells than there are columns.
    public mutating func append(_ row: [String]) {
        precondition(row.count <= columns.count, "a row has more cells than the table has columns")
        rows.append(row)
    }

    /// The table as text: columns two spaces apart, each line ending in a newline, no trailing
    /// spaces. Cells are shown on one line (control characters made visible) and cut at
    /// `maxCellCharacters`; widths count East Asian wide characters and emoji as two columns.
    ///
    /// - Complexity: O(cells × `maxCellCharacters`).
    public func render() -> String {
        let header = columns.map { SafeText.visible($0.title, maxCharacters: Int.max) }
        let body = rows.map(cells)
        let totalCells = total.map(cells)
        var widths = header.map(TerminalWidth.of)
        for row in body + (totalCells.map { [$0] } ?? []) {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], TerminalWidth.of(cell)) }
        }
        let rule = widths.map { String(repeating: "-", count: $0) }

        var text = ""
        func line(_ cells: [String]) {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - TerminalWidth.of(cell))
                parts.append(columns[column].alignment == .left ? cell + padding : padding + cell)
            }
            var joined = parts.joined(separator: "  ")
            while joined.last == " " { joined.removeLast() }
            text += joined + "\n"
        }
        line(header)
        line(rule)
        body.forEach(line)
        if let totalCells {
            line(rule)
            line(totalCells)
        }
        return text
    }

    /// A row as one visible cell per column.
    private func cells(_ row: [String]) -> [String] {
        precondition(row.count <= columns.count, "a row has more cells than the table has columns")
        return (0..<columns.count).map {
            $0 < row.count ? SafeText.visible(row[$0], maxCharacters: Self.maxCellCharacters) : ""
        }
    }

    /// The most characters a cell shows: a megabyte-long name from a snapshot is cut.
    public static let maxCellCharacters = 1_000
}
