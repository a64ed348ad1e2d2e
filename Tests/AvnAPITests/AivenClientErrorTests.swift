import AvnAPI
import AvnTestSupport
import Foundation
import Testing

@Suite struct AivenClientErrorTests {
    @Test func messageComesFromAJSONErrorBody() {
        let stub = StubTransport(
            status: 401,
            json:
                #"{"message": "Missing (expired) db token", "#
                + #""errors": [{"message": "Missing (expired) db token", "status": 401}]}"#
        )
        #expect(throws: APIClientError.api(status: 401, message: "Missing (expired) db token")) {
            try makeClient(stub).me()
        }
        #expect(
            APIClientError.api(status: 401, message: "Missing (expired) db token").description
                == "Missing (expired) db token (status 401)")
    }

    @Test func messageComesFromTheRawTextOfANonJSONErrorBody() throws {
        let stub = StubTransport([.response(HTTPResponse(status: 500, text: "  oops\n  broken \n"))]
        )
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).me() }
        #expect(error == .api(status: 500, message: "oops broken"))
        #expect(error.description == "oops broken (status 500)")
    }

    @Test func longNonJSONErrorBodiesAreCut() throws {
        let page = "<html>" + String(repeating: "x", count: 5000) + "</html>"
        let stub = StubTransport([.response(HTTPResponse(status: 502, text: page))])
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).me() }
        guard case .api(502, let message) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(message.count == 301)
        #expect(message.hasSuffix("…"))
    }

    @Test func aJSONErrorBodyWithoutAStringMessageFallsBackToItsText() throws {
        let stub = StubTransport(status: 400, json: #"{"errors": []}"#)
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).me() }
        #expect(error == .api(status: 400, message: #"{"errors": []}"#))
    }

    @Test func status510IsTheOTPRequiredCase() throws {
        let stub = StubTransport(
            status: 510, json: #"{"message": "Two-factor authentication OTP required"}"#)
        let error = try #require(throws: APIClientError.self) {
            try makeClient(stub, token: nil).login(email: "a@example.com", password: "secret pw")
        }
        #expect(error.isOTPRequired)
        #expect(!error.isAuthFailure)
    }

    @Test(arguments: [401, 403])
    func authFailuresAreRecognised(status: Int) {
        let error = APIClientError.api(status: status, message: "Invalid token")
        #expect(error.isAuthFailure)
        #expect(!error.isOTPRequired)
    }

    @Test func otherStatusesAreNeitherAuthNorOTP() {
        let error = APIClientError.api(status: 404, message: "Access token not found")
        #expect(!error.isAuthFailure && !error.isOTPRequired)
        #expect(APIClientError.transport(.timedOut(seconds: 5)).status == nil)
    }

    @Test func aMissingUserObjectIsAnInvalidResponse() throws {
        let stub = StubTransport(json: #"{"message": "ok"}"#)
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).me() }
        guard case .invalidResponse(let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(detail.contains("GET /v1/me"))
        #expect(detail.contains("user"))
    }

    @Test func aSuccessBodyThatIsNotJSONIsAnInvalidResponse() throws {
        let stub = StubTransport([.response(HTTPResponse(status: 200, text: "<html>hi</html>"))])
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).me() }
        guard case .invalidResponse(let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(detail.hasPrefix("the server's answer to GET /v1/me is not JSON"))
    }

    @Test(arguments: [
        #"{"tokens": {}}"#, #"{"token_prefix": "abc"}"#, #"[]"#,
    ])
    func listTokensNeedsATokensArray(json: String) throws {
        let stub = StubTransport(json: json)
        let error = try #require(throws: APIClientError.self) { try makeClient(stub).listTokens() }
        guard case .invalidResponse = error else {
            Issue.record("unexpected error \(error)")
            return
        }
    }

    @Test func createTokenNeedsTheFullToken() throws {
        let stub = StubTransport(json: #"{"token_prefix": "abc"}"#)
        let error = try #require(throws: APIClientError.self) {
            try makeClient(stub).createToken(
                description: "d", maxAgeSeconds: nil, extendWhenUsed: false)
        }
        guard case .invalidResponse(let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(detail.contains("full_token"))
    }

    @Test func aLoginAnswerWithoutATokenIsAnInvalidResponse() throws {
        let stub = StubTransport(json: #"{"state": "active"}"#)
        let error = try #require(throws: APIClientError.self) {
            try makeClient(stub).login(email: "a@example.com", password: "pw pw pw")
        }
        guard case .invalidResponse = error else {
            Issue.record("unexpected error \(error)")
            return
        }
    }

    @Test func callsNeedingATokenFailWithoutSendingWhenThereIsNone() {
        let stub = StubTransport(json: "{}")
        #expect(throws: APIClientError.notAuthenticated) { try makeClient(stub, token: nil).me() }
        #expect(stub.requests.isEmpty)
    }

    @Test func errorsNeverCarryTheTokenOrPassword() throws {
        // A server echoing credentials must not make us print them; the client can
        // only know the secrets of its own call (its token, a password it sent).
        let password = "hunter2-password"
        let echo = #"{"message": "bad \#(sampleToken) \#(password)"}"#
        let stub = StubTransport(status: 400, json: echo)
        let client = makeClient(stub)
        let loginError = try #require(throws: APIClientError.self) {
            try client.login(email: "a@example.com", password: password)
        }
        let meError = try #require(throws: APIClientError.self) { try client.me() }
        let revokeError = try #require(throws: APIClientError.self) {
            try client.revokeToken(sampleToken)
        }
        #expect(!loginError.description.contains(password))
        for error in [loginError, meError, revokeError] {
            #expect(!error.description.contains(sampleToken))
            #expect(!error.description.contains(String(sampleToken.prefix(40))))
            #expect(error.description.hasPrefix("bad <redacted> "))
        }
    }

    @Test func invalidResponsesNameTheTokenPathWithoutTheToken() throws {
        let stub = StubTransport([.response(HTTPResponse(status: 200, text: "nope"))])
        let error = try #require(throws: APIClientError.self) {
            try makeClient(stub).updateToken(sampleToken, description: "x")
        }
        #expect(!error.description.contains(PathSegment.encode(sampleToken)))
        #expect(error.description.contains("PUT /v1/access_token/Ab3%2B%2Fx%3DZq9Ab…"))
    }
}
