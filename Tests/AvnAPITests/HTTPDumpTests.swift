import AvnAPI
import AvnTestSupport
import Foundation
import Testing

@Suite struct HTTPDumpTests {
    private let password = "correct horse battery"
    private let newPassword = "staple-new-pw"

    @Test func theDumpShowsExchangesButNoCredentials() throws {
        let fullToken = String(repeating: "Zy+/9", count: 74) + "=="  // a different 372-char token
        let stub = StubTransport([
            jsonResponse(
                200,
                #"{"state": "active", "token": "\#(sampleToken)", "user_email": "a@example.com"}"#),
            jsonResponse(200, #"{"full_token": "\#(fullToken)", "token_prefix": "Zy+/9Zy+/9Zy"}"#),
            jsonResponse(200, #"{"token": "\#(fullToken)"}"#),
            jsonResponse(200, #"{"message": "Revoked \#(fullToken)"}"#),
            .response(HTTPResponse(status: 500, text: "boom \(sampleToken)")),
        ])
        let dump = LogLines()
        let client = makeClient(stub, dump: dump)
        _ = try client.login(email: "a@example.com", password: password, otp: "654321")
        _ = try client.createToken(description: "ci", maxAgeSeconds: nil, extendWhenUsed: false)
        _ = try client.changePassword(current: password, new: newPassword)
        try client.revokeToken(fullToken)
        #expect(throws: APIClientError.self) { try client.me() }

        let text = dump.text
        #expect(dump.lines.count == 10)
        for secret in [sampleToken, fullToken, password, newPassword, "654321"] {
            #expect(!text.contains(secret))
            #expect(!text.contains(PathSegment.encode(secret)))
        }
        #expect(text.contains("> POST https://api.example.test/v1/userauth"))
        #expect(text.contains("> authorization: aivenv1 <redacted>"))
        #expect(text.contains(#""password":"<redacted>""#))
        #expect(text.contains(#""otp":"<redacted>""#))
        #expect(text.contains(#""email":"a@example.com""#))
        #expect(text.contains(#""full_token":"<redacted>""#))
        #expect(text.contains(#""token_prefix":"Zy+/9Zy+/9Zy""#))
        #expect(
            text.contains(
                "> DELETE https://api.example.test/v1/access_token/Zy%2B%2F9Zy%2B%2F9Zy…")
        )
        #expect(text.contains("< HTTP 500"))
    }

    @Test func requestsShowMethodURLHeadersAndBody() throws {
        let stub = StubTransport(json: #"{"tokens": []}"#)
        let dump = LogLines()
        _ = try makeClient(stub, dump: dump).updateToken("abc+", description: "new name")
        let request = try #require(dump.lines.first)
        #expect(
            request == """
                > PUT https://api.example.test/v1/access_token/abc%2B
                > accept: application/json
                > authorization: aivenv1 <redacted>
                > content-type: application/json
                > user-agent: avn-test/1.0
                >
                > {"description":"new name"}
                """)
        #expect(
            dump.lines.last == """
                < HTTP 200
                < content-type: application/json
                <
                < {"tokens":[]}
                """)
    }

    @Test func longBodiesAreCutAfterSecretsAreRemoved() throws {
        // The token straddles the cut, so cutting first would leave part of it.
        let filler = String(repeating: "x", count: 8000)
        let stub = StubTransport([.response(HTTPResponse(status: 200, text: filler + sampleToken))])
        let dump = LogLines()
        #expect(throws: APIClientError.self) { try makeClient(stub, dump: dump).me() }
        let response = try #require(dump.lines.last)
        #expect(response.contains(filler + "<redacted>"))
        #expect(!response.contains(String(sampleToken.prefix(20))))
    }

    @Test func transportFailuresAppearInTheDump() {
        let stub = StubTransport([.failure(.timedOut(seconds: 3))])
        let dump = LogLines()
        #expect(throws: APIClientError.self) { try makeClient(stub, dump: dump).projects() }
        #expect(
            dump.lines.last?.hasPrefix("< no answer: no complete answer from the server within 3")
                == true)
    }

    @Test func nothingIsDumpedWithoutShowHTTP() throws {
        let stub = StubTransport(json: #"{"projects": []}"#)
        let warnings = LogLines()
        _ = try makeClient(stub, warnings: warnings).projects()
        #expect(warnings.lines.isEmpty)
    }
}
