/// A strict JSON reader over UTF-8 bytes.
struct FakeJSONParser {
    /// Why a document could not be read.
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "The JSON text is malformed near byte \(offset); fix it." }
    }

    let bytes: [UInt8]
    var index = 0

    /// Reads one whole document; trailing non-space bytes are an error.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> FakeJSON {
        var parser = FakeJSONParser(bytes: bytes)
        let value = try parser.readValue(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw Failure(offset: parser.index) }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var failure: Failure { Failure(offset: index) }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            index += 1
        }
    }

    private mutating func readValue(depth: Int) throws(Failure) -> FakeJSON {
        skipSpace()
        guard index < bytes.count, depth < 64 else { throw failure }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try readWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try readWord("null"); return .null
        default: return try readNumber()
        }
    }

    private mutating func readWord(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw failure }
            index += 1
        }
    }

    private mutating func expect(_ byte: Character) throws(Failure) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte.asciiValue else { throw failure }
        index += 1
    }

    private mutating func peek(_ byte: Character) -> Bool {
        skipSpace()
        return index < bytes.count && bytes[index] == byte.asciiValue
    }

    private mutating func readObject(depth: Int) throws(Failure) -> FakeJSON {
        try expect("{")
        var members: [(String, FakeJSON)] = []
        if peek("}") { index += 1; return .object(members) }
        repeat {
            skipSpace()
            let key = try readString()
            try expect(":")
            members.append((key, try readValue(depth: depth + 1)))
            if peek(",") { index += 1; continue }
            try expect("}")
            return .object(members)
        } while true
    }

    private mutating func readArray(depth: Int) throws(Failure) -> FakeJSON {
        try expect("[")
        var items: [FakeJSON] = []
        if peek("]") { index += 1; return .array(items) }
        repeat {
            items.append(try readValue(depth: depth + 1))
            if peek(",") { index += 1; continue }
            try expect("]")
            return .array(items)
        } while true
    }

    private mutating func readNumber() throws(Failure) -> FakeJSON {
        let start = index
        var isWhole = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-") {
                index += 1
            } else if [
                UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"),
            ].contains(byte) {
                isWhole = false
                index += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isWhole, let value = Int(text) { return .int(value) }
        guard !text.isEmpty, let value = Double(text) else { throw Failure(offset: start) }
        return .double(value)
    }
}
