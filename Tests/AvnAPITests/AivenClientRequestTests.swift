import AvnAPI
import AvnTestSupport
import Foundation
import Testing

@Suite struct AivenClientRequestTests {
    @Test func authenticatedGetSendsTokenAcceptAndUserAgentButNoContentType() throws {
        let stub = StubTransport(json: #"{"user": {"user": "a@example.com"}}"#)
        _ = try makeClient(stub).me()

        let request = try #require(stub.requests.first)
        #expect(request.method == .get)
        #expect(request.path == "/v1/me")
        #expect(request.headers["authorization"] == "aivenv1 \(sampleToken)")
        #expect(request.headers["accept"] == "application/json")
        #expect(request.headers["user-agent"] == "avn-test/1.0")
        #expect(request.headers["content-type"] == nil)
        #expect(request.body == nil)
        #expect(stub.baseURLs == [testBaseURL])
    }

    @Test func loginSendsCompactJSONWithoutAnAuthorizationHeader() throws {
        let stub = StubTransport(
            json: #"{"state": "active", "token": "tok-123456", "user_email": "a@example.com"}"#)
        let grant = try makeClient(stub).login(
            email: "a@example.com", password: "pw secret", otp: "123456", tenant: "aws")

        #expect(
            grant == SessionGrant(token: "tok-123456", userEmail: "a@example.com", state: "active"))
        let request = try #require(stub.requests.first)
        #expect(request.method == .post)
        #expect(request.path == "/v1/userauth")
        #expect(request.headers["authorization"] == nil)
        #expect(request.headers["content-type"] == "application/json")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(
            body
                == #"{"email":"a@example.com","password":"pw secret","#
                + #""otp":"123456","tenant":"aws"}"#
        )
    }

    @Test func loginLeavesOutOTPAndTenantWhenAbsent() throws {
        let stub = StubTransport(json: #"{"token": "tok-123456", "user_email": "a@example.com"}"#)
        _ = try makeClient(stub).login(email: "a@example.com", password: "pw")
        #expect(
            stub.lastJSONBody
                == .dictionary(["email": .string("a@example.com"), "password": .string("pw")]))
    }

    @Test func createUserSendsNoTokenEvenWhenTheClientHasOne() throws {
        let stub = StubTransport(
            json:
                #"{"state": "active", "token": "tok-abcdef", "#
                + #""user_email": "n@example.com", "user": {}}"#
        )
        let grant = try makeClient(stub).createUser(
            email: "n@example.com", password: "longpassword", realName: "New User")

        #expect(grant.token == "tok-abcdef")
        let request = try #require(stub.requests.first)
        #expect(request.path == "/v1/user")
        #expect(request.method == .post)
        #expect(request.headers["authorization"] == nil)
        #expect(
            stub.lastJSONBody
                == .dictionary([
                    "email": .string("n@example.com"), "real_name": .string("New User"),
                    "password": .string("longpassword"),
                ]))
    }

    @Test func createTokenAlwaysSendsAllThreeFields() throws {
        let stub = StubTransport(json: #"{"full_token": "full", "token_prefix": "full"}"#)
        let client = makeClient(stub)
        _ = try client.createToken(description: "ci", maxAgeSeconds: nil, extendWhenUsed: false)
        #expect(
            stub.lastJSONBody
                == .dictionary([
                    "description": .string("ci"), "extend_when_used": .bool(false),
                    "max_age_seconds": .null,
                ]))
        let token = try client.createToken(
            description: "nb", maxAgeSeconds: 3600, extendWhenUsed: true)
        #expect(
            stub.lastJSONBody
                == .dictionary([
                    "description": .string("nb"), "extend_when_used": .bool(true),
                    "max_age_seconds": .int(3600),
                ]))
        #expect(token["full_token"] == .string("full"))
        #expect(stub.requests.allSatisfy { $0.method == .post && $0.path == "/v1/access_token" })
    }

    @Test func changePasswordSendsBothPasswordsWithPut() throws {
        let stub = StubTransport(json: #"{"token": "new-session-token"}"#)
        let token = try makeClient(stub).changePassword(current: "old pw", new: "new pw")
        #expect(token == "new-session-token")
        let request = try #require(stub.requests.first)
        #expect(request.method == .put)
        #expect(request.path == "/v1/me/password")
        #expect(
            stub.lastJSONBody
                == .dictionary(["password": .string("old pw"), "new_password": .string("new pw")]))
    }

    @Test func expireTokensPostsWithoutABodyAndReturnsTheMessage() throws {
        let stub = StubTransport(json: #"{"message": "All tokens expired"}"#)
        #expect(try makeClient(stub).expireTokens() == "All tokens expired")
        let request = try #require(stub.requests.first)
        #expect(request.method == .post)
        #expect(request.path == "/v1/me/expire_tokens")
        #expect(request.body == nil)
        #expect(request.headers["content-type"] == nil)
    }

    @Test func listTokensReturnsTheArrayExactlyAsSent() throws {
        let stub = StubTransport(
            json:
                #"{"tokens": [{"token_prefix": "abc", "#
                + #""create_time": "2021-08-16T15:29:14.123456Z", "x": 1.0}]}"#
        )
        let tokens = try makeClient(stub).listTokens()
        #expect(
            tokens == [
                .dictionary([
                    "token_prefix": .string("abc"),
                    "create_time": .string("2021-08-16T15:29:14.123456Z"), "x": .double(1),
                ])
            ])
        #expect(stub.requests.first?.path == "/v1/access_token")
    }

    @Test func projectsReturnsTheProjectObjects() throws {
        let stub = StubTransport(json: #"{"projects": [{"project_name": "dev"}]}"#)
        #expect(try makeClient(stub).projects() == [.dictionary(["project_name": .string("dev")])])
        #expect(stub.requests.first?.path == "/v1/project")
    }

    @Test func updateAndRevokePercentEncodeSlashPlusAndEquals() throws {
        let stub = StubTransport(json: #"{"token_prefix": "x"}"#)
        let client = makeClient(stub)
        _ = try client.updateToken("ab/c+d=e", description: "renamed")
        try client.revokeToken("a+b/c==")

        let requests = stub.requests
        #expect(requests.map(\.method) == [.put, .delete])
        #expect(
            requests.map(\.path) == [
                "/v1/access_token/ab%2Fc%2Bd%3De", "/v1/access_token/a%2Bb%2Fc%3D%3D",
            ])
        #expect(stub.lastJSONBody == nil)
        #expect(
            try JSONValue(parsing: try #require(requests[0].body))
                == .dictionary(["description": .string("renamed")]))
    }

    @Test(arguments: [
        ("abcXYZ019-._~", "abcXYZ019-._~"), ("a b", "a%20b"), ("é", "%C3%A9"),
        ("/+=?#%&", "%2F%2B%3D%3F%23%25%26"),
    ])
    func pathSegmentsKeepOnlyUnreservedCharacters(text: String, encoded: String) {
        #expect(PathSegment.encode(text) == encoded)
        #expect(PathSegment.decode(encoded) == text)
    }

    @Test func revokeIgnoresAnEmptySuccessBody() throws {
        let stub = StubTransport([.response(HTTPResponse(status: 200))])
        try makeClient(stub).revokeToken("abcdefabcdef")
        #expect(stub.requests.count == 1)
    }
}
