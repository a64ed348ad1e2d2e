import Testing

@Suite("Current user and projects")
struct MeTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    @Test func returnsTheUserObjectForAToken() throws {
        let token = try fixture.login()
        let response = try fixture.call("GET", "/v1/me", token: token)
        #expect(response.status == 200)
        let user = try #require(try response.json()["user"] as? [String: Any])
        #expect(user["user"] as? String == FakeServerFixture.email)
        #expect(user["real_name"] as? String == "John Doe")
        #expect(user["state"] as? String == "active")
        #expect(user["auth"] as? [String] == ["password"])
        #expect(user["projects"] as? [String] == ["dev-sandbox", "prod-environment"])
        #expect((user["invitations"] as? [Any])?.isEmpty == true)
        #expect((user["project_membership"] as? [String: String])?["dev-sandbox"] == "admin")
        #expect((user["project_memberships"] as? [String: [String]])?["dev-sandbox"] == ["admin"])
        #expect(user["tenant"] as? String == "aiven")
        #expect(user["user_id"] is String)
        #expect(user["features"] is [String: Any])
        #expect(response.text.contains(#""token_validity_begin":null"#))
        let created = try #require(user["create_time"] as? String)
        #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
    }

    @Test func listsTheUsersProjects() throws {
        let token = try fixture.login()
        let response = try fixture.call("GET", "/v1/project", token: token)
        let projects = try #require(try response.json()["projects"] as? [[String: Any]])
        #expect(
            projects.compactMap { $0["project_name"] as? String }
                == ["dev-sandbox", "prod-environment"])
    }

    @Test func refusesARequestWithoutAuthorizationHeader() throws {
        let response = try fixture.call("GET", "/v1/me")
        #expect(response.status == 403)
        #expect(response.message == "Authentication failed")
        #expect(response.errorCode == "authentication_failed")
    }

    @Test func refusesAnUnknownToken() throws {
        let response = try fixture.call("GET", "/v1/me", token: "not-a-token")
        #expect(response.status == 403)
        #expect(response.message == "Invalid token")
        #expect(response.errorCode == "invalid_token")
    }

    @Test func logoutRevokesTheCallingToken() throws {
        let token = try fixture.login()
        #expect(try fixture.call("POST", "/v1/me/logout", token: token).status == 200)
        #expect(try fixture.call("GET", "/v1/me", token: token).status == 403)
    }
}
