import Testing

@Suite("Login and user creation")
struct LoginTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    private func login(_ email: String, _ password: String, extra: String = "") throws
        -> RawResponse
    {
        try fixture.call(
            "POST", "/v1/userauth",
            body: #"{"email": "\#(email)", "password": "\#(password)"\#(extra)}"#)
    }

    @Test func logsInWithEmailAndPassword() throws {
        let response = try login(FakeServerFixture.email, FakeServerFixture.password)
        #expect(response.status == 200)
        let json = try response.json()
        #expect(json["state"] as? String == "active")
        #expect(json["user_email"] as? String == FakeServerFixture.email)
        let token = try #require(json["token"] as? String)
        #expect(token.count == 372)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        #expect(token.allSatisfy { alphabet.contains($0) })
    }

    @Test func asksForTheOTPWith510AndThenAcceptsIt() throws {
        let first = try login(FakeServerFixture.otpEmail, FakeServerFixture.password)
        #expect(first.status == 510)
        #expect(first.message == "Two-factor authentication OTP required")
        #expect(first.errorCode == "user_2fa_otp_required")
        let second = try login(
            FakeServerFixture.otpEmail, FakeServerFixture.password, extra: #", "otp": "123456""#)
        #expect(second.status == 200)
        #expect(try second.json()["token"] is String)
    }

    @Test func rejectsAWrongOTP() throws {
        let response = try login(
            FakeServerFixture.otpEmail, FakeServerFixture.password, extra: #", "otp": "654321""#)
        #expect(response.status == 403)
        #expect(response.message == "Invalid OTP")
        #expect(response.errorCode == "user_config_2fa_otp_verification_failed")
    }

    @Test(
        "answers a wrong password and an unknown email the same way",
        arguments: [
            (FakeServerFixture.email, "wrong-password"),
            ("nobody@example.com", FakeServerFixture.password),
        ])
    func rejectsBadCredentials(email: String, password: String) throws {
        let response = try login(email, password)
        #expect(response.status == 403)
        #expect(response.message == "Authentication failed")
        #expect(response.errorCode == "authentication_failed")
    }

    @Test func rejectsAMismatchedTenantAndAcceptsTheRightOne() throws {
        let wrong = try login(
            FakeServerFixture.awsEmail, FakeServerFixture.password, extra: #", "tenant": "aiven""#)
        #expect(wrong.status == 403)
        #expect(wrong.errorCode == "tenant_mismatch")
        let right = try login(
            FakeServerFixture.awsEmail, FakeServerFixture.password, extra: #", "tenant": "aws""#)
        #expect(right.status == 200)
    }

    @Test func createsAUserThatCanLogIn() throws {
        let body =
            #"{"email": "new@example.com", "real_name": "New User", "#
            + #""password": "long-enough"}"#
        let created = try fixture.call("POST", "/v1/user", body: body)
        #expect(created.status == 200)
        let json = try created.json()
        #expect(json["state"] as? String == "active")
        #expect(json["user_email"] as? String == "new@example.com")
        #expect((json["token"] as? String)?.count == 372)
        let user = try #require(json["user"] as? [String: Any])
        #expect(user["real_name"] as? String == "New User")
        #expect(user["tenant"] == nil)
        #expect(try login("new@example.com", "long-enough").status == 200)
        let again = try fixture.call("POST", "/v1/user", body: body)
        #expect(again.status == 409)
        #expect(again.message == "User already exists")
    }

    @Test func refusesAPasswordShorterThanEightCharacters() throws {
        let body = #"{"email": "short@example.com", "real_name": "S", "password": "1234567"}"#
        let response = try fixture.call("POST", "/v1/user", body: body)
        #expect(response.status == 400)
        #expect(response.message == "Password too weak")
    }
}
