import Testing

@Suite("Admin state")
struct AdminStateTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    @Test func showsEveryUserAndEveryTokenWithItsStatus() throws {
        let session = try fixture.login()
        let created = try fixture.createToken(session).json()
        let personal = try #require(created["full_token"] as? String)
        #expect(try fixture.call("POST", "/v1/me/logout", token: session).status == 200)

        let state = try fixture.call("GET", "/_fake/state").json()
        let users = try #require(state["users"] as? [[String: Any]])
        #expect(
            users.compactMap { $0["email"] as? String } == [
                FakeServerFixture.email, FakeServerFixture.otpEmail, FakeServerFixture.awsEmail,
            ])
        #expect(users.allSatisfy { $0.keys.contains("token_validity_begin") })
        let tokens = try fixture.stateTokens()
        #expect(tokens.count == 2)
        let sessionEntry = try #require(tokens.first { $0["token"] as? String == session })
        #expect(sessionEntry["kind"] as? String == "session")
        #expect(sessionEntry["revoked"] as? Bool == true)
        #expect(sessionEntry["user"] as? String == FakeServerFixture.email)
        let personalEntry = try #require(tokens.first { $0["token"] as? String == personal })
        #expect(personalEntry["kind"] as? String == "personal")
        #expect(personalEntry["revoked"] as? Bool == false)
        #expect(personalEntry["expired"] as? Bool == false)
        #expect(personalEntry["token_prefix"] as? String == String(personal.prefix(12)))
    }

    @Test func marksTokensExpiredAfterExpireTokens() throws {
        let session = try fixture.login()
        #expect(try fixture.call("POST", "/v1/me/expire_tokens", token: session).status == 200)
        let entry = try #require(try fixture.stateTokens().first)
        #expect(entry["expired"] as? Bool == true)
        let users = try fixture.call("GET", "/_fake/state").json()["users"] as? [[String: Any]]
        #expect(users?.first?["token_validity_begin"] is String)
    }

    @Test func refusesTokenPrefixesOutsideTheBase64Alphabet() throws {
        let response = try fixture.call(
            "POST", "/_fake/token_prefixes", body: #"{"prefixes": ["has space"]}"#)
        #expect(response.status == 400)
    }
}
