import AvnAPI
import Testing

/// One document with the text Python 3.11's `json.dumps` wrote for it.
struct JSONCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    /// `json.dumps(value, indent=4, sort_keys=True)`.
    let indented: String
    /// `json.dumps(value, sort_keys=True)`, in pieces to keep lines short.
    let inline: [String]

    init(_ name: String, input: String, indented: String, inline: [String]) {
        self.name = name
        self.input = input
        self.indented = indented
        self.inline = inline
    }

    var testDescription: String { name }
}

@Suite("Python JSON text")
struct PythonJSONTests {
    @Test(arguments: JSONCase.all)
    func indentedTextMatchesPython(_ testCase: JSONCase) throws {
        let value = try JSONValue(parsing: testCase.input)
        #expect(value.pythonJSON() == testCase.indented)
    }

    @Test(arguments: JSONCase.all)
    func inlineTextMatchesPython(_ testCase: JSONCase) throws {
        let value = try JSONValue(parsing: testCase.input)
        #expect(value.pythonInlineJSON() == testCase.inline.joined())
    }

    @Test(
        arguments: [
            (3600.0, "3600.0"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
            (9.72104616958165e15, "9721046169581650.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
            (-1.5e-7, "-1.5e-07"), (0.0, "0.0"), (-0.0, "-0.0"), (1e100, "1e+100"),
            (123456.789, "123456.789"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
        ] as [(Double, String)]
    )
    func floatTextMatchesPythonRepr(_ value: Double, _ expected: String) {
        #expect(JSONValue.pythonFloatRepr(value) == expected)
    }

    @Test func repeatedKeysKeepTheirFirstPlaceAndLastValue() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "b": 2, "a": 3}"#)
        let members = try #require(value.pythonMembers)
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members.map(\.value) == [.int(3), .int(2)])
    }

    @Test func keysThatAreCanonicallyEqualStayApart() throws {
        // Python tells "\u00e9" and "e\u0301" apart; Swift's == would not.
        let value = JSONValue.object([("e\u{301}", .int(1)), ("\u{e9}", .int(2))])
        #expect(value.pythonMembers?.count == 2)
        #expect(value.pythonInlineJSON() == #"{"e\u0301": 1, "\u00e9": 2}"#)
    }

    @Test func compactTextUsesPythonFloatText() {
        #expect(
            JSONValue.array([.double(1e15), .double(1e16)]).compactText
                == "[1000000000000000.0,1e+16]")
    }
}

extension JSONCase {
    // Expected texts were produced by Python 3.11's json module.
    static let all: [JSONCase] = [
        JSONCase(
            "an object sorts its keys and indents by four",
            input: #"""
                {"b": 1, "a": {"d": [1, 2], "c": "x"}, "A": null}
                """#,
            indented: #"""
                {
                    "A": null,
                    "a": {
                        "c": "x",
                        "d": [
                            1,
                            2
                        ]
                    },
                    "b": 1
                }
                """#,
            inline: [#"{"A": null, "a": {"c": "x", "d": [1, 2]}, "b": 1}"#]
        ),
        JSONCase(
            "empty containers stay on one line",
            input: #"""
                {"list": [], "dict": {}, "nested": [[], {}, [[]]]}
                """#,
            indented: #"""
                {
                    "dict": {},
                    "list": [],
                    "nested": [
                        [],
                        {},
                        [
                            []
                        ]
                    ]
                }
                """#,
            inline: [#"{"dict": {}, "list": [], "nested": [[], {}, [[]]]}"#]
        ),
        JSONCase(
            "a one-element array of an object",
            input: #"""
                [{"user": "john.doe@example.com", "auth": ["password"], "projects": []}]
                """#,
            indented: #"""
                [
                    {
                        "auth": [
                            "password"
                        ],
                        "projects": [],
                        "user": "john.doe@example.com"
                    }
                ]
                """#,
            inline: [#"[{"auth": ["password"], "projects": [], "user": "john.doe@example.com"}]"#]
        ),
        JSONCase(
            "non-ASCII text is escaped",
            input: #"""
                {"caf\u00e9": "na\u00efve \u00a3 \u20ac \u65e5", "emoji": "\ud83d\ude00"}
                """#,
            indented: #"""
                {
                    "caf\u00e9": "na\u00efve \u00a3 \u20ac \u65e5",
                    "emoji": "\ud83d\ude00"
                }
                """#,
            inline: [#"{"caf\u00e9": "na\u00efve \u00a3 \u20ac \u65e5", "emoji": "\ud83d\ude00"}"#]
        ),
        JSONCase(
            "control characters and quotes are escaped",
            input: #"""
                ["tab\t", "nl\n", "cr\r", "bs\b", "ff\f", "nul\u0000", "us\u001f", "del\u007f",
                "q\"", "back\\", "slash/"]
                """#,
            indented: #"""
                [
                    "tab\t",
                    "nl\n",
                    "cr\r",
                    "bs\b",
                    "ff\f",
                    "nul\u0000",
                    "us\u001f",
                    "del\u007f",
                    "q\"",
                    "back\\",
                    "slash/"
                ]
                """#,
            inline: [
                #"["tab\t", "nl\n", "cr\r", "bs\b", "ff\f", "nul\u0000", "us\u001f", "#,
                #""del\u007f", "q\"", "back\\", "slash/"]"#,
            ]
        ),
        JSONCase(
            "keys sort by code point",
            input: #"""
                {"b": 1, "B": 2, "\u00e9": 3, "e": 4, "\ud83d\ude00": 5, "\uffff": 6, "_": 7,
                "a b": 8, "": 9}
                """#,
            indented: #"""
                {
                    "": 9,
                    "B": 2,
                    "_": 7,
                    "a b": 8,
                    "b": 1,
                    "e": 4,
                    "\u00e9": 3,
                    "\uffff": 6,
                    "\ud83d\ude00": 5
                }
                """#,
            inline: [
                #"{"": 9, "B": 2, "_": 7, "a b": 8, "b": 1, "e": 4, "\u00e9": 3, "#,
                #""\uffff": 6, "\ud83d\ude00": 5}"#,
            ]
        ),
        JSONCase(
            "a repeated key keeps its last value",
            input: #"""
                {"a": 1, "b": 2, "a": 3}
                """#,
            indented: #"""
                {
                    "a": 3,
                    "b": 2
                }
                """#,
            inline: [#"{"a": 3, "b": 2}"#]
        ),
        JSONCase(
            "floats print as Python repr",
            input: #"""
                [3600.0, 1e16, 1e15, 0.00001, 0.0001, 1234567890123456.0, 9999999999999998.0, 0.1,
                -0.0, 2.5e-7, 1E2, 1.7976931348623157e308, 5e-324, 123.456]
                """#,
            indented: #"""
                [
                    3600.0,
                    1e+16,
                    1000000000000000.0,
                    1e-05,
                    0.0001,
                    1234567890123456.0,
                    9999999999999998.0,
                    0.1,
                    -0.0,
                    2.5e-07,
                    100.0,
                    1.7976931348623157e+308,
                    5e-324,
                    123.456
                ]
                """#,
            inline: [
                #"[3600.0, 1e+16, 1000000000000000.0, 1e-05, 0.0001, 1234567890123456.0, "#,
                #"9999999999999998.0, 0.1, -0.0, 2.5e-07, 100.0, 1.7976931348623157e+308, "#,
                #"5e-324, 123.456]"#,
            ]
        ),
        JSONCase(
            "integers keep their digits",
            input: #"""
                [0, -0, 3600, -42, 123456789012345678901234567890]
                """#,
            indented: #"""
                [
                    0,
                    0,
                    3600,
                    -42,
                    123456789012345678901234567890
                ]
                """#,
            inline: [#"[0, 0, 3600, -42, 123456789012345678901234567890]"#]
        ),
        JSONCase(
            "literals",
            input: #"""
                [true, false, null]
                """#,
            indented: #"""
                [
                    true,
                    false,
                    null
                ]
                """#,
            inline: [#"[true, false, null]"#]
        ),
        JSONCase(
            "a top-level string",
            input: #"""
                "caf\u00e9"
                """#,
            indented: #"""
                "caf\u00e9"
                """#,
            inline: [#""caf\u00e9""#]
        ),
        JSONCase(
            "a top-level number",
            input: #"""
                3600
                """#,
            indented: #"""
                3600
                """#,
            inline: [#"3600"#]
        ),
        JSONCase(
            "an empty array",
            input: #"""
                []
                """#,
            indented: #"""
                []
                """#,
            inline: [#"[]"#]
        ),
        JSONCase(
            "an empty object",
            input: #"""
                {}
                """#,
            indented: #"""
                {}
                """#,
            inline: [#"{}"#]
        ),
        JSONCase(
            "a token list as the server sent it",
            input: #"""
                {"tokens": [{"create_time": "2021-08-16T15:29:14.123456Z",
                "description": "no expiry \u00e9 \"q\"", "expiry_time": null,
                "extend_when_used": false, "max_age_seconds": null,
                "token_prefix": "abc/+=defGHI"}]}
                """#,
            indented: #"""
                {
                    "tokens": [
                        {
                            "create_time": "2021-08-16T15:29:14.123456Z",
                            "description": "no expiry \u00e9 \"q\"",
                            "expiry_time": null,
                            "extend_when_used": false,
                            "max_age_seconds": null,
                            "token_prefix": "abc/+=defGHI"
                        }
                    ]
                }
                """#,
            inline: [
                #"{"tokens": [{"create_time": "2021-08-16T15:29:14.123456Z", "#,
                #""description": "no expiry \u00e9 \"q\"", "expiry_time": null, "#,
                #""extend_when_used": false, "max_age_seconds": null, "#,
                #""token_prefix": "abc/+=defGHI"}]}"#,
            ]
        ),
    ]
}
