/// JSON text exactly as Python's `json.dumps` writes it, so output matches the official client.
extension JSONValue {
    /// The text of `json.dumps(value, indent=4, sort_keys=True)`, without a final newline.
    ///
    /// Non-ASCII characters are escaped as `\uXXXX`, keys are sorted by code point, and a
    /// key repeated in one object keeps only its last value, as a Python `dict` does.
    public func pythonJSON() -> String {
        var output = ""
        writePython(to: &output, indentLevel: 0)
        return output
    }

    /// The text of `json.dumps(value, sort_keys=True)`: one line, `", "` between items and
    /// `": "` after keys, non-ASCII characters escaped.
    public func pythonInlineJSON() -> String {
        var output = ""
        writePython(to: &output, indentLevel: nil)
        return output
    }

    /// The members of an object as a Python `dict` holds them after `json.loads`: each key
    /// once, at its first position, with its last value. `nil` when this is not an object.
    public var pythonMembers: [(key: String, value: JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        var positions: [[UInt8]: Int] = [:]
        var unique: [(key: String, value: JSONValue)] = []
        for member in members {
            // Python compares keys by code point, not by canonical equivalence.
            let identity = Array(member.key.utf8)
            if let position = positions[identity] {
                unique[position].value = member.value
            } else {
                positions[identity] = unique.count
                unique.append(member)
            }
        }
        return unique
    }

    /// Whether `lhs` sorts before `rhs` the way Python orders `str` values: by code point.
    public static func pythonOrders(_ lhs: String, before rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }

    /// Writes the value; `indentLevel` is `nil` for the one-line form.
    private func writePython(to output: inout String, indentLevel: Int?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let digits): output += digits
        case .double(let value): output += JSONValue.pythonFloatRepr(value)
        case .string(let value): JSONValue.writeQuoted(value, asciiOnly: true, to: &output)
        case .array(let items):
            JSONValue.writePythonContainer(
                items.map { (key: String?.none, value: $0) },
                brackets: ("[", "]"), indentLevel: indentLevel, to: &output
            )
        case .object:
            let sorted = (pythonMembers ?? []).sorted {
                JSONValue.pythonOrders($0.key, before: $1.key)
            }
            JSONValue.writePythonContainer(
                sorted.map { (key: Optional($0.key), value: $0.value) },
                brackets: ("{", "}"), indentLevel: indentLevel, to: &output
            )
        }
    }

    private static func writePythonContainer(
        _ entries: [(key: String?, value: JSONValue)],
        brackets: (open: String, close: String),
        indentLevel: Int?,
        to output: inout String
    ) {
        output += brackets.open
        guard !entries.isEmpty else {
            output += brackets.close
            return
        }
        // With an indent Python separates items by "," plus a new line; without one by ", ".
        let inner = indentLevel.map { $0 + 1 }
        let itemBreak = inner.map { "\n" + String(repeating: " ", count: 4 * $0) } ?? ""
        let itemSeparator = indentLevel == nil ? ", " : ","
        for (position, entry) in entries.enumerated() {
            if position > 0 { output += itemSeparator }
            output += itemBreak
            if let key = entry.key {
                writeQuoted(key, asciiOnly: true, to: &output)
                output += ": "
            }
            entry.value.writePython(to: &output, indentLevel: inner)
        }
        if let indentLevel {
            output += "\n" + String(repeating: " ", count: 4 * indentLevel)
        }
        output += brackets.close
    }
}

// MARK: - Floats

extension JSONValue {
    /// A finite float as Python's `repr` writes it: the shortest digits that read back as the
    /// same value, in plain notation when the decimal point falls within 16 digits of them
    /// and as `d.ddde±XX` otherwise (`1e+16`, `1e-05`, `3600.0`). Infinities and NaN, which
    /// no parsed document holds, get the spellings `json.dumps` uses.
    public static func pythonFloatRepr(_ value: Double) -> String {
        guard value.isFinite else {
            return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity")
        }
        let sign = value.sign == .minus ? "-" : ""
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        guard !digits.isEmpty else { return sign + "0.0" }
        return sign + pythonLayout(digits: digits, pointPosition: pointPosition)
    }

    /// The significant digits of `magnitude` with no leading or trailing zeros, and where the
    /// decimal point goes: the value is `0.<digits> × 10^pointPosition`.
    private static func shortestDigits(of magnitude: Double) -> (digits: [Character], Int) {
        // Swift's description already holds the shortest round-tripping digits; only its
        // choice between plain and exponent notation differs from Python's.
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? text
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = Array(mantissa.filter { $0 != "." })
        var pointPosition =
            (mantissa.firstIndex(of: ".").map {
                mantissa.distance(from: mantissa.startIndex, to: $0)
            } ?? mantissa.count) + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" {
            digits.removeLast()
        }
        return (digits, pointPosition)
    }

    private static func pythonLayout(digits: [Character], pointPosition: Int) -> String {
        if pointPosition <= -4 || pointPosition > 16 {
            let exponent = pointPosition - 1
            let magnitude = String(abs(exponent))
            let paddedExponent = (magnitude.count < 2 ? "0" : "") + magnitude
            let fraction = digits.count > 1 ? "." + String(digits.dropFirst()) : ""
            return String(digits[0]) + fraction + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
        }
        if pointPosition <= 0 {
            return "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            let zeros = String(repeating: "0", count: pointPosition - digits.count)
            return String(digits) + zeros + ".0"
        }
        return String(digits.prefix(pointPosition)) + "." + String(digits.dropFirst(pointPosition))
    }
}
