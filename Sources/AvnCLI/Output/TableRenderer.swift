import AvnAPI

/// Lays out response items as the official client's `pretty.print_table` does for a
/// one-line layout: a header, a `=` rule, and one line per item.
struct TableRenderer {
    /// The whole table text, every line ending in a newline; empty when there are no rows.
    ///
    /// - Parameters:
    ///   - rows: the response items, normally objects.
    ///   - columns: the fields to show, in order; a dotted name such as `a.b` reads the field
    ///     `b` of the object under `a`.
    static func render(
        _ rows: [JSONValue],
        columns: [String]
    ) throws(TableRenderError) -> String {
        guard let first = rows.first else { return "" }
        guard case .object = first else {
            // Items that are not objects print one per line, formatted like list entries.
            return rows.map { CellFormatter.format($0, key: nil) + "\n" }.joined()
        }
        let table = try FormattedTable(rows, columns: columns)
        var lines: [String] = []
        lines.append(
            try table.joined { column, width in
                column.uppercased().pythonLeftJustified(width)
            })
        lines.append(try table.joined { _, width in String(repeating: "=", count: width) })
        for cells in table.cells {
            let line = try table.joined { column, width in
                (cells[Array(column.utf8)] ?? "").pythonLeftJustified(width)
            }
            lines.append(line.pythonStripped)
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

/// Every row's formatted cells and every column's width.
private struct FormattedTable {
    /// Cells per row, keyed by the column name's UTF-8 bytes, since Python matches names
    /// by code point.
    private(set) var cells: [[[UInt8]: String]] = []
    private var widths: [[UInt8]: Int] = [:]
    private let columns: [String]

    init(_ rows: [JSONValue], columns: [String]) throws(TableRenderError) {
        self.columns = columns
        let wanted = Set(columns.map { Array($0.utf8) })
        for (index, row) in rows.enumerated() {
            guard let members = row.pythonMembers else {
                throw .rowNotAnObject(index: index)
            }
            var rowCells: [[UInt8]: String] = [:]
            for member in members {
                for (name, value) in Self.flattened(member.key, member.value, keeping: wanted) {
                    let identity = Array(name.utf8)
                    guard wanted.contains(identity) else { continue }
                    let text = CellFormatter.format(value, key: name)
                    rowCells[identity] = text
                    // A width only ever grows, even when a later value replaces this cell.
                    widths[identity] = max(
                        name.pythonLength, text.pythonLength, widths[identity] ?? 1
                    )
                }
            }
            cells.append(rowCells)
        }
    }

    /// Each column's piece, built from its name and width, joined by two spaces.
    func joined(
        _ piece: (_ column: String, _ width: Int) -> String
    ) throws(TableRenderError) -> String {
        var pieces: [String] = []
        for column in columns {
            guard let width = widths[Array(column.utf8)] else {
                throw .columnMissingFromEveryRow(column)
            }
            pieces.append(piece(column, width))
        }
        return pieces.joined(separator: "  ")
    }

    /// The field and, for an object, its nested fields under dotted names. An object shows
    /// as a whole only when its top-level name is a wanted column.
    private static func flattened(
        _ name: String,
        _ value: JSONValue,
        keeping wanted: Set<[UInt8]>
    ) -> [(String, JSONValue)] {
        guard let members = value.pythonMembers else { return [(name, value)] }
        var pairs: [(String, JSONValue)] = wanted.contains(Array(name.utf8)) ? [(name, value)] : []
        for member in members {
            let nested = name.isEmpty ? member.key : name + "." + member.key
            pairs += flattened(nested, member.value, keeping: [])
        }
        return pairs
    }
}
