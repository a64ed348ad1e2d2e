import AvnAPI
import Testing

@testable import AvnCLI

/// Rows, columns, and the lines the official client's `pretty.print_table` printed for them.
struct TableCase: CustomTestStringConvertible, Sendable {
    let name: String
    let json: String
    let columns: [String]
    /// Each printed line, in pieces to keep source lines short.
    let lines: [[String]]

    init(_ name: String, json: String, columns: [String], lines: [[String]]) {
        self.name = name
        self.json = json
        self.columns = columns
        self.lines = lines
    }

    var testDescription: String { name }

    var expectedText: String {
        lines.map { $0.joined() + "\n" }.joined()
    }
}

@Suite("Table renderer")
struct TableRendererTests {
    @Test(arguments: TableCase.all)
    func matchesTheOfficialClient(_ testCase: TableCase) throws {
        let rows = try #require(try JSONValue(parsing: testCase.json).arrayValue)
        let text = try TableRenderer.render(rows, columns: testCase.columns)
        #expect(text == testCase.expectedText)
    }

    @Test func userInfoMatchesTheObservedOutput() throws {
        let row = JSONValue.dictionary([
            "user": .string("john.doe@example.com"),
            "real_name": .string("John Doe"),
            "state": .string("active"),
            "token_validity_begin": .string("2021-08-18T09:24:10.298796+00:00"),
            "projects": .array([.string("dev-sandbox"), .string("prod-environment")]),
            "auth": .array([.string("password")]),
        ])
        let columns = ["user", "real_name", "state", "token_validity_begin", "projects", "auth"]
        let text = try TableRenderer.render([row], columns: columns)
        #expect(
            text == """
                USER                  REAL_NAME  STATE   TOKEN_VALIDITY_BEGIN              \
                PROJECTS                       AUTH    \("")
                ====================  =========  ======  ================================  \
                =============================  ========
                john.doe@example.com  John Doe   active  2021-08-18T09:24:10.298796+00:00  \
                dev-sandbox, prod-environment  password

                """)
    }

    @Test func emptyResultPrintsNothing() throws {
        #expect(try TableRenderer.render([], columns: ["expiry_time"]) == "")
    }

    @Test func headerKeepsTrailingSpacesWhileRowsLoseThem() throws {
        let rows: [JSONValue] = [.dictionary(["a": .string("x"), "b": .string("long value")])]
        let text = try TableRenderer.render(rows, columns: ["a", "b"])
        #expect(text == "A  B         \n=  ==========\nx  long value\n")
        let shortRows: [JSONValue] = [.dictionary(["a": .string("x"), "b": .string("y")])]
        #expect(try TableRenderer.render(shortRows, columns: ["a", "b"]) == "A  B\n=  =\nx  y\n")
    }

    @Test func columnMissingFromEveryRowIsAnError() throws {
        let rows: [JSONValue] = [.dictionary(["a": .int(1)]), .dictionary(["a": .int(2)])]
        #expect(throws: TableRenderError.columnMissingFromEveryRow("missing")) {
            try TableRenderer.render(rows, columns: ["a", "missing"])
        }
    }

    @Test func nestedObjectBelowTheTopIsNeverAColumnOfItsOwn() throws {
        let inner = JSONValue.dictionary(["d": .int(1)])
        let rows: [JSONValue] = [.dictionary(["m": .dictionary(["q": inner])])]
        #expect(throws: TableRenderError.columnMissingFromEveryRow("m.q")) {
            try TableRenderer.render(rows, columns: ["m.q"])
        }
        #expect(try TableRenderer.render(rows, columns: ["m.q.d"]) == "M.Q.D\n=====\n1\n")
    }

    @Test func laterRowThatIsNotAnObjectIsAnError() throws {
        let rows: [JSONValue] = [.dictionary(["a": .int(1)]), .string("x")]
        #expect(throws: TableRenderError.rowNotAnObject(index: 1)) {
            try TableRenderer.render(rows, columns: ["a"])
        }
    }

    @Test func errorsSayWhatToDo() {
        let error = TableRenderError.columnMissingFromEveryRow("expiry_time")
        #expect(error.description.contains("'expiry_time'"))
        #expect(error.description.contains("--json"))
    }
}

extension TableCase {
    // Expected lines were printed by aiven-client 4.18.0's aiven.client.pretty.print_table,
    // given json.loads of the same text and the columns as a one-line layout.
    static let all: [TableCase] = [
        TableCase(
            "user info",
            json: #"""
                [{"auth": ["password"], "create_time": "2021-08-18T09:24:10.298796Z",
                "features": {"x": true}, "intercom": {"a": "b"}, "invitations": [],
                "project_membership": {"dev-sandbox": "admin"}, "projects": ["dev-sandbox",
                "prod-environment"], "real_name": "John Doe", "state": "active",
                "token_validity_begin": "2021-08-18T09:24:10.298796+00:00",
                "user": "john.doe@example.com", "user_id": "x5dd3f2a4"}]
                """#,
            columns: ["user", "real_name", "state", "token_validity_begin", "projects", "auth"],
            lines: [
                [
                    #"USER                  REAL_NAME  STATE   "#,
                    #"TOKEN_VALIDITY_BEGIN              PROJECTS                       AUTH    "#,
                ],
                [
                    #"====================  =========  ======  "#,
                    #"================================  =============================  ========"#,
                ],
                [
                    #"john.doe@example.com  John Doe   active  "#,
                    #"2021-08-18T09:24:10.298796+00:00  dev-sandbox, prod-environment  password"#,
                ],
            ]
        ),
        TableCase(
            "access-token list",
            json: #"""
                [  {"create_time": "2021-08-16T15:29:14.123456Z", "created_manually": true,
                "currently_active": true, "description": "Test token",
                "expiry_time": "2021-09-15T15:29:14.123456Z", "extend_when_used": true,
                "last_ip": "192.168.1.1", "last_used_time": "2021-08-16T15:29:14.123456Z",
                "last_user_agent": "aiven-client/2.12.0",
                "last_user_agent_human_readable": "aiven-client 2.12.0", "max_age_seconds": 2592000,
                "token_prefix": "XCJ3+bgWywIh"}, {"create_time": "2021-08-16T15:26:10.123456Z",
                "description": "To be used with Python Notebooks",
                "expiry_time": "2021-08-16T16:26:10.123456Z", "extend_when_used": true,
                "last_ip": null, "last_used_time": null, "last_user_agent": null,
                "max_age_seconds": 3600, "token_prefix": "6JsKDclT3OMQ"},
                {"create_time": "2021-08-17T10:00:00Z", "description": "no expiry \u00e9 \"q\"",
                "expiry_time": null, "extend_when_used": false, "last_ip": null,
                "last_used_time": null, "last_user_agent": null, "max_age_seconds": null,
                "token_prefix": "abc/+=defGHI"} ]
                """#,
            columns: [
                "expiry_time", "token_prefix", "description", "max_age_seconds",
                "extend_when_used", "last_used_time", "last_ip", "last_user_agent",
            ],
            lines: [
                [
                    #"EXPIRY_TIME           TOKEN_PREFIX  DESCRIPTION                       "#,
                    #"MAX_AGE_SECONDS  EXTEND_WHEN_USED  LAST_USED_TIME        LAST_IP      "#,
                    #"LAST_USER_AGENT    "#,
                ],
                [
                    #"====================  ============  ================================  "#,
                    #"===============  ================  ====================  ===========  "#,
                    #"==================="#,
                ],
                [
                    #"2021-09-15T15:29:14Z  XCJ3+bgWywIh  Test token                        "#,
                    #"2592000          true              2021-08-16T15:29:14Z  192.168.1.1  "#,
                    #"aiven-client/2.12.0"#,
                ],
                [
                    #"2021-08-16T16:26:10Z  6JsKDclT3OMQ  To be used with Python Notebooks  "#,
                    #"3600             true              null                  null         null"#,
                ],
                [
                    #"null                  abc/+=defGHI  "no expiry \u00e9 \"q\""          "#,
                    #"null             false             null                  null         null"#,
                ],
            ]
        ),
        TableCase(
            "access-token create",
            json: #"""
                [{"create_time": "2021-08-16T15:26:10.123456Z", "created_manually": true,
                "description": "To be used with python notebooks",
                "expiry_time": "2021-08-16T16:26:10.123456Z", "extend_when_used": true,
                "full_token": "6JsKDclT3OMQ+AbCdEf/0123456789==", "max_age_seconds": 3600,
                "token_prefix": "6JsKDclT3OMQ"}]
                """#,
            columns: [
                "expiry_time", "description", "max_age_seconds", "extend_when_used", "full_token",
            ],
            lines: [
                [
                    #"EXPIRY_TIME           DESCRIPTION                       MAX_AGE_SECONDS  "#,
                    #"EXTEND_WHEN_USED  FULL_TOKEN                      "#,
                ],
                [
                    #"====================  ================================  ===============  "#,
                    #"================  ================================"#,
                ],
                [
                    #"2021-08-16T16:26:10Z  To be used with python notebooks  3600             "#,
                    #"true              6JsKDclT3OMQ+AbCdEf/0123456789=="#,
                ],
            ]
        ),
        TableCase(
            "empty first cell shifts the row left",
            json: #"""
                [{"a": "first", "b": "x", "c": "y"}, {"b": "only b", "c": "z"}, {"a": "", "b": "",
                "c": "end"}]
                """#,
            columns: ["a", "b", "c"],
            lines: [
                [#"A      B       C  "#],
                [#"=====  ======  ==="#],
                [#"first  x       y"#],
                [#"only b  z"#],
                [#"end"#],
            ]
        ),
        TableCase(
            "empty result prints nothing",
            json: #"""
                []
                """#,
            columns: ["a"],
            lines: []
        ),
        TableCase(
            "non-ASCII text is JSON-quoted",
            json: #"""
                [{"name": "caf\u00e9", "emoji": "smile \ud83d\ude00", "cjk": "\u65e5\u672c",
                "ctl": "line\nnext\ttab", "del": "a\u007fb", "backslash": "a\\b",
                "quote": "say \"hi\"", "plain": "ok ~!@#$%^&*()"}]
                """#,
            columns: ["name", "emoji", "cjk", "ctl", "del", "backslash", "quote", "plain"],
            lines: [
                [
                    #"NAME         EMOJI                 CJK             CTL                "#,
                    #"DEL         BACKSLASH  QUOTE         PLAIN         "#,
                ],
                [
                    #"===========  ====================  ==============  =================  "#,
                    #"==========  =========  ============  =============="#,
                ],
                [
                    #""caf\u00e9"  "smile \ud83d\ude00"  "\u65e5\u672c"  "line\nnext\ttab"  "#,
                    #""a\u007fb"  "a\\b"     "say \"hi\""  ok ~!@#$%^&*()"#,
                ],
            ]
        ),
        TableCase(
            "pound and euro print raw",
            json: #"""
                [{"price": "\u00a35 or \u20ac6", "mixed": "\u00a3 \u00e9", "yen": "\u00a5",
                "escaped": "\\u00a3"}]
                """#,
            columns: ["price", "mixed", "yen", "escaped"],
            lines: [
                [#"PRICE     MIXED            YEN       ESCAPED  "#],
                [#"========  ===============  ========  ========="#],
                [#"£5 or €6  "\u00a3 \u00e9"  "\u00a5"  "\\u00a3""#],
            ]
        ),
        TableCase(
            "scalars and nulls",
            json: #"""
                [{"n": null, "t": true, "f": false, "i": 3600, "neg": -42,
                "big": 123456789012345678901234567890, "zero": -0}]
                """#,
            columns: ["n", "t", "f", "i", "neg", "big", "zero"],
            lines: [
                [#"N     T     F      I     NEG  BIG                             ZERO"#],
                [#"====  ====  =====  ====  ===  ==============================  ===="#],
                [#"null  true  false  3600  -42  123456789012345678901234567890  0"#],
            ]
        ),
        TableCase(
            "floats print as Python repr",
            json: #"""
                [{"a": 3600.0, "b": 1e16, "c": 0.00001, "d": 1234567890123456.0, "e": 0.1,
                "f": -0.0, "g": 2.5e-7, "h": 9999999999999998.0, "i": 1E2}]
                """#,
            columns: ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
            lines: [
                [
                    #"A       B      C      D                   E    F     G        "#,
                    #"H                   I    "#,
                ],
                [
                    #"======  =====  =====  ==================  ===  ====  =======  "#,
                    #"==================  ====="#,
                ],
                [
                    #"3600.0  1e+16  1e-05  1234567890123456.0  0.1  -0.0  2.5e-07  "#,
                    #"9999999999999998.0  100.0"#,
                ],
            ]
        ),
        TableCase(
            "lists join their formatted items",
            json: #"""
                [{"words": ["a", "b c", "caf\u00e9", "\u00a3"], "empty": [], "mixed": [1, 2.0, null,
                true, {"k": "v"}], "nested": [["x", "y"], [], ["z"]],
                "times": ["2021-09-15T15:29:14.123456Z"], "end": "e"}]
                """#,
            columns: ["words", "empty", "mixed", "nested", "times", "end"],
            lines: [
                [
                    #"WORDS                   EMPTY  MIXED                           NESTED     "#,
                    #"TIMES                        END"#,
                ],
                [
                    #"======================  =====  ==============================  =========  "#,
                    #"===========================  ==="#,
                ],
                [
                    #"a, b c, "caf\u00e9", £         1, 2.0, null, true, {"k": "v"}  x, y, , z  "#,
                    #"2021-09-15T15:29:14.123456Z  e"#,
                ],
            ]
        ),
        TableCase(
            "only _time keys lose the fraction",
            json: #"""
                [{"expiry_time": "2021-09-15T15:29:14.123456Z",
                "last_used_time": "2021-09-15T15:29:14.5+00:00", "create_time": "no.dot.endsZ",
                "timestamp": "2021-09-15T15:29:14.123456Z",
                "token_validity_begin": "2021-08-18T09:24:10.298796Z",
                "x_time": "2021-09-15T15:29:14Z", "y_time": "\u00e9.5Z"}]
                """#,
            columns: [
                "expiry_time", "last_used_time", "create_time", "timestamp",
                "token_validity_begin", "x_time", "y_time",
            ],
            lines: [
                [
                    #"EXPIRY_TIME           LAST_USED_TIME               CREATE_TIME  "#,
                    #"TIMESTAMP                    TOKEN_VALIDITY_BEGIN         "#,
                    #"X_TIME                Y_TIME   "#,
                ],
                [
                    #"====================  ===========================  ===========  "#,
                    #"===========================  ===========================  "#,
                    #"====================  ========="#,
                ],
                [
                    #"2021-09-15T15:29:14Z  2021-09-15T15:29:14.5+00:00  noZ          "#,
                    #"2021-09-15T15:29:14.123456Z  2021-08-18T09:24:10.298796Z  "#,
                    #"2021-09-15T15:29:14Z  "\u00e9Z""#,
                ],
            ]
        ),
        TableCase(
            "objects print as sorted JSON",
            json: #"""
                [{"d": {"z": 1, "a": [1, 2], "m": {"y": null, "b": "caf\u00e9"}, "B": 2.5,
                "\u00e9": {}}, "e": {}, "x": 1}]
                """#,
            columns: ["d", "e", "x"],
            lines: [
                [
                    #"D                                                                         "#,
                    #"         E   X"#,
                ],
                [
                    #"=========================================================================="#,
                    #"=======  ==  ="#,
                ],
                [
                    #"{"B": 2.5, "a": [1, 2], "m": {"b": "caf\u00e9", "y": null}, "z": 1, "\u00e"#,
                    #"9": {}}  {}  1"#,
                ],
            ]
        ),
        TableCase(
            "nested objects fill dotted columns",
            json: #"""
                [{"metric": {"ping": 3, "qos": {"deep": 1}}, "ip": "192.168.0.1"}, {"metric": 7,
                "metric.qos": "flat", "ip": "10.0.0.1"}]
                """#,
            columns: ["ip", "metric", "metric.ping", "metric.qos", "metric.qos.deep"],
            lines: [
                [
                    #"IP           METRIC                           METRIC.PING  METRIC.QOS  "#,
                    #"METRIC.QOS.DEEP"#,
                ],
                [
                    #"===========  ===============================  ===========  ==========  "#,
                    #"==============="#,
                ],
                [#"192.168.0.1  {"ping": 3, "qos": {"deep": 1}}  3                        1"#],
                [#"10.0.0.1     7                                             flat"#],
            ]
        ),
        TableCase(
            "a repeated key keeps its last value",
            json: #"""
                [{"a": "first", "b": 1, "a": "second and longer"}]
                """#,
            columns: ["a", "b"],
            lines: [
                [#"A                  B"#],
                [#"=================  ="#],
                [#"second and longer  1"#],
            ]
        ),
        TableCase(
            "a dotted key and a nested field share a column",
            json: #"""
                [{"a.b": "flat value that is long", "a": {"b": "nested"}}]
                """#,
            columns: ["a.b"],
            lines: [
                [#"A.B                    "#],
                [#"======================="#],
                [#"nested"#],
            ]
        ),
        TableCase(
            "strip removes outer spaces only",
            json: #"""
                [{"a": "  lead", "b": " mid ", "c": "trail  "}]
                """#,
            columns: ["a", "b", "c"],
            lines: [
                [#"A       B      C      "#],
                [#"======  =====  ======="#],
                [#"lead   mid   trail"#],
            ]
        ),
        TableCase(
            "header keeps trailing spaces and names upper-case",
            json: #"""
                [{"short": "a much longer value", "x": "y"}, {"short": "s"}]
                """#,
            columns: ["x", "short"],
            lines: [
                [#"X  SHORT              "#],
                [#"=  ==================="#],
                [#"y  a much longer value"#],
                [#"s"#],
            ]
        ),
        TableCase(
            "widths count code points",
            json: #"""
                [{"a": "\u00a3\u00a3", "b": "\u20ac", "c": "ab"}, {"a": "x", "b": "yy",
                "c": "\u00a3"}]
                """#,
            columns: ["a", "b", "c"],
            lines: [
                [#"A   B   C "#],
                [#"==  ==  =="#],
                [#"££  €   ab"#],
                [#"x   yy  £"#],
            ]
        ),
        TableCase(
            "items that are not objects print one per line",
            json: #"""
                ["plain", "caf\u00e9", 3, 2.0, null, [1, "a"], {"k": 1}]
                """#,
            columns: ["ignored"],
            lines: [
                [#"plain"#],
                [#""caf\u00e9""#],
                [#"3"#],
                [#"2.0"#],
                [#"null"#],
                [#"1, a"#],
                [#"{"k": 1}"#],
            ]
        ),
        TableCase(
            "no columns prints blank lines",
            json: #"""
                [{"a": 1}, {"b": 2}]
                """#,
            columns: [],
            lines: [
                [#""#],
                [#""#],
                [#""#],
                [#""#],
            ]
        ),
        TableCase(
            "a column repeated prints twice",
            json: #"""
                [{"a": "v"}]
                """#,
            columns: ["a", "a"],
            lines: [
                [#"A  A"#],
                [#"=  ="#],
                [#"v  v"#],
            ]
        ),
    ]
}
