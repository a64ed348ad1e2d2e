import AvnAPI
import Foundation

/// The table text the official client prints, built independently of avn from
/// already formatted cells: header padded (not stripped), `=` rule, rows stripped.
enum ExpectedTable {
    static func render(columns: [String], rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        let widths = columns.indices.map { index in
            max(columns[index].count, rows.map { $0[index].count }.max() ?? 0, 1)
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ")
        }
        var text = line(columns.map { $0.uppercased() }) + "\n"
        text += widths.map { String(repeating: "=", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows {
            text += line(row).trimmingCharacters(in: .whitespaces) + "\n"
        }
        return text
    }

    /// A cell as the official client formats plain values.
    static func cell(_ value: JSONValue?, key: String = "") -> String {
        switch value {
        case nil: return ""
        case .null?: return "null"
        case .bool(let flag)?: return flag ? "true" : "false"
        case .integer(let digits)?: return digits
        case .string(let text)?
        where key.hasSuffix("_time") && text.hasSuffix("Z") && text.contains("."):
            return text.split(separator: ".").first.map { String($0) + "Z" } ?? text
        case .string(let text)?: return text
        case .array(let items)?: return items.map { cell($0) }.joined(separator: ", ")
        default: return "?"
        }
    }

    /// The rows of `objects` under `columns`, formatted as cells.
    static func rows(_ objects: [JSONValue], columns: [String]) -> [[String]] {
        objects.map { object in columns.map { cell(object[$0], key: $0) } }
    }
}
