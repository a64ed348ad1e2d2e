import Testing

@Suite("Token lifetimes")
struct TokenLifetimeTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    private func advance(_ seconds: Int) throws {
        let response = try fixture.call(
            "POST", "/_fake/clock", body: #"{"advance_seconds": \#(seconds)}"#)
        #expect(response.status == 200)
    }

    private func expectExpired(_ token: String) throws {
        let response = try fixture.call("GET", "/v1/me", token: token)
        #expect(response.status == 401)
        #expect(response.message == "Missing (expired) db token")
        #expect(response.errorCode == nil)
    }

    @Test func expireTokensCutsOffOldTokensButNotNewLogins() throws {
        let old = try fixture.login()
        let personal = try #require(try fixture.createToken(old).json()["full_token"] as? String)
        #expect(try fixture.call("POST", "/v1/me/expire_tokens", token: old).status == 200)
        try expectExpired(old)
        try expectExpired(personal)
        let fresh = try fixture.login()
        let me = try fixture.call("GET", "/v1/me", token: fresh)
        #expect(me.status == 200)
        let user = try #require(try me.json()["user"] as? [String: Any])
        let begin = try #require(user["token_validity_begin"] as? String)
        #expect(begin.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00/) != nil)
    }

    @Test func passwordChangeReplacesEveryTokenWithANewOne() throws {
        let old = try fixture.login()
        let wrong = try fixture.call(
            "PUT", "/v1/me/password", token: old,
            body: #"{"password": "not-it", "new_password": "another-pass"}"#)
        #expect(wrong.status == 403)
        #expect(wrong.message == "Authentication failed")
        let short = try fixture.call(
            "PUT", "/v1/me/password", token: old,
            body: #"{"password": "s3cret-pass", "new_password": "short"}"#)
        #expect(short.status == 400)
        let changed = try fixture.call(
            "PUT", "/v1/me/password", token: old,
            body: #"{"password": "s3cret-pass", "new_password": "another-pass"}"#)
        #expect(changed.status == 200)
        #expect(changed.message == "Password changed")
        let new = try #require(try changed.json()["token"] as? String)
        try expectExpired(old)
        #expect(try fixture.call("GET", "/v1/me", token: new).status == 200)
        let relogin = try fixture.call(
            "POST", "/v1/userauth",
            body: #"{"email": "john.doe@example.com", "password": "another-pass"}"#)
        #expect(relogin.status == 200)
    }

    @Test func advancingTheClockExpiresAFixedLifetimeToken() throws {
        let session = try fixture.login()
        let personal = try #require(
            try fixture.createToken(session, maxAge: "600").json()["full_token"] as? String)
        try advance(599)
        #expect(try fixture.call("GET", "/v1/me", token: personal).status == 200)
        try advance(2)
        try expectExpired(personal)
        #expect(try fixture.call("GET", "/v1/me", token: session).status == 200)
        let listed = try fixture.call("GET", "/v1/access_token", token: session)
        #expect((try listed.json()["tokens"] as? [Any])?.count == 1)
    }

    @Test func useExtendsATokenThatExtendsWhenUsed() throws {
        let session = try fixture.login()
        try advance(2_591_000)
        #expect(try fixture.call("GET", "/v1/me", token: session).status == 200)
        try advance(2_591_000)
        #expect(try fixture.call("GET", "/v1/me", token: session).status == 200)
        try advance(2_592_001)
        try expectExpired(session)
    }
}
