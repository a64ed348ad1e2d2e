import AvnAPI

/// Formats one table cell as the official client's `pretty.format_item` does.
enum CellFormatter {
    /// The text of `value` in the column `key`; `key` is `nil` for the items of a list.
    static func format(_ value: JSONValue, key: String?) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let digits): digits
        case .double(let number): JSONValue.pythonFloatRepr(number)
        case .string(let text): formatString(text, key: key)
        case .array(let items): items.map { format($0, key: nil) }.joined(separator: ", ")
        case .object: value.pythonInlineJSON()
        }
    }

    /// A string prints as it is unless JSON would escape part of it; then it prints JSON-quoted.
    private static func formatString(_ text: String, key: String?) -> String {
        var text = text
        if let key, key.pythonHasSuffix("_time") {
            text = withoutFraction(text)
        }
        guard text.unicodeScalars.allSatisfy(printsRaw) else {
            return JSONValue.string(text).pythonInlineJSON()
        }
        return text
    }

    /// `2021-09-15T15:29:14.123456Z` becomes `2021-09-15T15:29:14Z`; other text is unchanged.
    private static func withoutFraction(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.last == "Z", let dot = scalars.firstIndex(of: ".") else { return text }
        return String(scalars[..<dot]) + "Z"
    }

    /// Whether `json.dumps` keeps the character as it is; the client also lets `£` and `€`
    /// through, which JSON would escape.
    private static func printsRaw(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x22, 0x5C: false
        case 0x20...0x7E, 0xA3, 0x20AC: true
        default: false
        }
    }
}
