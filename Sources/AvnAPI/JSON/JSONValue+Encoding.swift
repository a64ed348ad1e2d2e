extension JSONValue {
    /// Compact JSON text, as sent in request bodies: no spaces, members in
    /// their given order, non-ASCII characters as UTF-8.
    public var compactText: String {
        var output = ""
        writeCompact(to: &output)
        return output
    }

    private func writeCompact(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let digits): output += digits
        case .double(let value): output += JSONValue.pythonRepr(value)
        case .string(let value): JSONValue.writeQuoted(value, asciiOnly: false, to: &output)
        case .array(let items):
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                item.writeCompact(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += "," }
                JSONValue.writeQuoted(member.key, asciiOnly: false, to: &output)
                output += ":"
                member.value.writeCompact(to: &output)
            }
            output += "}"
        }
    }

    /// Writes `text` as a JSON string. With `asciiOnly`, every character past
    /// ASCII becomes `\uXXXX` (surrogate pairs above U+FFFF), as Python's
    /// `json.dumps` does by default.
    static func writeQuoted(_ text: String, asciiOnly: Bool, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E):
                for unit in String(scalar).utf16 {
                    output += "\\u" + hex4(unit)
                }
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// A float the way Python's `repr` prints it: the shortest text that reads
    /// back as the same value, always with a `.0` or an exponent.
    static func pythonRepr(_ value: Double) -> String {
        pythonFloatRepr(value)
    }
}
