extension FakeJSONParser {
    /// Reads a quoted string at the current position, decoding escapes.
    mutating func readString() throws(Failure) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure }
        index += 1
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &output)
            case 0..<0x20:
                throw failure
            default:
                output.append(byte)
            }
        }
        throw failure
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure }
        let byte = bytes[index]
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let plain = simple[byte] {
            output.append(plain)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw failure }
        var unit = try readHex4()
        if (0xD800..<0xDC00).contains(unit), bytes[index...].starts(with: Array("\\u".utf8)) {
            index += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure }
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        let scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
        output.append(contentsOf: Array(String(scalar).utf8))
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure }
        let text = String(decoding: bytes[index..<index + 4], as: UTF8.self)
        guard let value = UInt32(text, radix: 16) else { throw failure }
        index += 4
        return value
    }
}
