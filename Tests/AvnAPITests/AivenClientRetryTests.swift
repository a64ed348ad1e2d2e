import AvnAPI
import AvnTestSupport
import Foundation
import Testing

@Suite struct AivenClientRetryTests {
    private let refused = StubTransport.Outcome.failure(
        .connectionRefused(host: "api.example.test"))

    @Test func aGetIsTriedThreeTimesOnConnectionFailuresAndEachRetryIsLogged() throws {
        let stub = StubTransport([refused, refused, refused])
        let warnings = LogLines()
        let error = try #require(throws: APIClientError.self) {
            try makeClient(stub, warnings: warnings).me()
        }
        #expect(error == .transport(.connectionRefused(host: "api.example.test")))
        #expect(stub.requests.count == 3)
        #expect(warnings.lines.count == 2)
        #expect(warnings.lines.first?.hasPrefix("GET /v1/me failed: could not connect") == true)
        #expect(
            warnings.lines.first?.hasSuffix("; retrying in 0.01 seconds, 2 attempts left") == true)
        #expect(warnings.lines.last?.hasSuffix("1 attempts left") == true)
    }

    @Test func aGetSucceedsWhenALaterAttemptConnects() throws {
        let stub = StubTransport([
            .failure(.connectionLost(host: "h")), jsonResponse(200, #"{"user": {"user": "a"}}"#),
        ])
        #expect(try makeClient(stub).me() == .dictionary(["user": .string("a")]))
        #expect(stub.requests.count == 2)
    }

    @Test(arguments: [
        TransportError.timedOut(seconds: 1), .tls(detail: "bad certificate"),
        .cannotResolve(host: "h"), .insecureURL(host: "h"),
    ])
    func otherTransportErrorsAreNotRetried(error: TransportError) throws {
        let stub = StubTransport([.failure(error)])
        #expect(throws: APIClientError.transport(error)) { try makeClient(stub).me() }
        #expect(stub.requests.count == 1)
    }

    enum Write: CaseIterable, Sendable {
        case expireTokens, revoke, update, login, createToken, changePassword

        func run(_ client: AivenClient) throws {
            switch self {
            case .expireTokens: _ = try client.expireTokens()
            case .revoke: try client.revokeToken("abc")
            case .update: _ = try client.updateToken("abc", description: "d")
            case .login: _ = try client.login(email: "e@example.com", password: "pw")
            case .createToken:
                _ = try client.createToken(
                    description: "d", maxAgeSeconds: nil, extendWhenUsed: false)
            case .changePassword: _ = try client.changePassword(current: "a", new: "b")
            }
        }
    }

    @Test(arguments: Write.allCases)
    func writesAreNeverRetried(write: Write) {
        let stub = StubTransport([refused, refused, refused])
        #expect(throws: APIClientError.transport(.connectionRefused(host: "api.example.test"))) {
            try write.run(makeClient(stub))
        }
        #expect(stub.requests.count == 1)
    }

    @Test func httpErrorStatusesAreNeverRetried() {
        let stub = StubTransport([jsonResponse(503, #"{"message": "down"}"#)])
        #expect(throws: APIClientError.api(status: 503, message: "down")) {
            try makeClient(stub).me()
        }
        #expect(stub.requests.count == 1)
    }
}
