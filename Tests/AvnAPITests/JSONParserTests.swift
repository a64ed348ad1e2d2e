import AvnAPI
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test func keepsIntegersAndFloatsApart() throws {
        let value = try JSONValue(parsing: #"{"a": 3600, "b": 3600.0, "c": -0, "d": 1e3}"#)
        #expect(value["a"] == .integer("3600"))
        #expect(value["b"] == .double(3600))
        #expect(value["c"] == .integer("0"))
        #expect(value["d"] == .double(1000))
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": 2}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/\né😀"))
    }

    @Test(
        "rejects malformed documents",
        arguments: [
            "", "{", "[1,]", "{\"a\"}", "01", "1.", "-", "\"\\ud800\"", "\"abc", "tru", "[1] 2",
            "\"\u{01}\"", "{\"a\":1,}", "1e", "\"\\x\"",
        ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xFF, 0x22]) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }

    @Test func compactTextRoundTrips() throws {
        let text = #"{"email":"a\"b@example.com","n":null,"ok":true,"list":[1,2.5,"é"]}"#
        let value = try JSONValue(parsing: text)
        #expect(value.compactText == text)
        #expect(try JSONValue(parsing: value.compactText) == value)
    }
}
