import AvnFakeAPI
import Foundation
import Testing

@Suite("Access tokens")
struct AccessTokenTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    private func queue(_ prefix: String) throws {
        let response = try fixture.call(
            "POST", "/_fake/token_prefixes", body: #"{"prefixes": ["\#(prefix)"]}"#)
        #expect(response.status == 200)
    }

    @Test func listsSessionAndPersonalTokensWithEveryField() throws {
        let token = try fixture.login()
        #expect(try fixture.createToken(token, description: "mine").status == 200)
        let response = try fixture.call(
            "GET", "/v1/access_token", token: token, headers: ["User-Agent": "tester/1.0"])
        let tokens = try #require(try response.json()["tokens"] as? [[String: Any]])
        #expect(tokens.count == 2)
        let keys: Set = [
            "token_prefix", "create_time", "created_manually", "extend_when_used",
            "max_age_seconds", "description", "expiry_time", "currently_active",
            "last_used_time", "last_ip", "last_user_agent", "last_user_agent_human_readable",
        ]
        #expect(tokens.allSatisfy { Set($0.keys) == keys })
        let text = response.text
        let sessionText =
            #""created_manually":false,"extend_when_used":true,"#
            + #""max_age_seconds":2592000,"description":null"#
        #expect(text.contains(sessionText))
        #expect(text.contains(#""currently_active":true,"last_used_time":""#))
        let useText =
            #""last_ip":"127.0.0.1","last_user_agent":"tester/1.0","#
            + #""last_user_agent_human_readable":"tester 1.0""#
        #expect(text.contains(useText))
        let personalText =
            #""created_manually":true,"extend_when_used":false,"#
            + #""max_age_seconds":null,"description":"mine","expiry_time":null,"#
            + #""currently_active":false,"last_used_time":null"#
        #expect(text.contains(personalText))
        #expect(tokens.first?["token_prefix"] as? String == String(token.prefix(12)))
    }

    @Test func createReturnsTheFullTokenStartingWithItsPrefix() throws {
        let token = try fixture.login()
        let json = try fixture.createToken(token, maxAge: "3600").json()
        let full = try #require(json["full_token"] as? String)
        #expect(full.count == 372)
        #expect(json["token_prefix"] as? String == String(full.prefix(12)))
        #expect(json["max_age_seconds"] as? Int == 3600)
        #expect(json["expiry_time"] is String)
        #expect(try fixture.call("GET", "/v1/me", token: full).status == 200)
    }

    @Test(
        "decodes %2B %2F %3D in a DELETE path",
        arguments: ["a%2Bb%2Fc%3DdEFGHI", "a+b%2Fc=dEFGHI"])
    func deletesByPercentEncodedPrefix(path: String) throws {
        let token = try fixture.login()
        try queue("a+b/c=dEFGHI")
        let created = try fixture.createToken(token).json()
        #expect(created["token_prefix"] as? String == "a+b/c=dEFGHI")
        let response = try fixture.call("DELETE", "/v1/access_token/\(path)", token: token)
        #expect(response.status == 200)
        #expect(response.message == "Access token revoked")
        let state = try fixture.stateTokens().first {
            $0["token_prefix"] as? String == "a+b/c=dEFGHI"
        }
        #expect(state?["revoked"] as? Bool == true)
    }

    @Test func deletesByTheFullPercentEncodedToken() throws {
        let token = try fixture.login()
        let full = try #require(try fixture.createToken(token).json()["full_token"] as? String)
        let encoded = full.replacingOccurrences(of: "+", with: "%2B")
            .replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        let deleted = try fixture.call("DELETE", "/v1/access_token/\(encoded)", token: token)
        #expect(deleted.status == 200)
        #expect(try fixture.call("GET", "/v1/me", token: full).status == 403)
    }

    @Test func keepsAPlusInThePathAsAPlus() throws {
        let token = try fixture.login()
        try queue("ab+cdEFGHIJK")
        _ = try fixture.createToken(token)
        let response = try fixture.call(
            "PUT", "/v1/access_token/ab+cdEFGHIJK", token: token,
            body: #"{"description": "renamed"}"#)
        #expect(response.status == 200)
        #expect(try response.json()["token_prefix"] as? String == "ab+cdEFGHIJK")
        #expect(try response.json()["description"] as? String == "renamed")
    }

    @Test func allowsTenPersonalTokensAndRefusesTheEleventh() throws {
        let token = try fixture.login()
        for number in 1...10 {
            #expect(try fixture.createToken(token, description: "t\(number)").status == 200)
        }
        let eleventh = try fixture.createToken(token, description: "t11")
        #expect(eleventh.status == 409)
        #expect(eleventh.message == "Maximum number of personal tokens reached")
    }

    @Test(
        "checks max_age_seconds against 600...315360000",
        arguments: [
            ("599", 400), ("600", 200), ("315360000", 200), ("315360001", 400), ("null", 200),
            ("\"600\"", 400), ("-1", 400),
        ])
    func validatesMaxAge(maxAge: String, status: Int) throws {
        let token = try fixture.login()
        let response = try fixture.createToken(token, maxAge: maxAge)
        #expect(response.status == status)
        if status == 400 { #expect(response.message == "Invalid max_age_seconds") }
    }

    @Test func requiresADescription() throws {
        let token = try fixture.login()
        let response = try fixture.call(
            "POST", "/v1/access_token", token: token, body: #"{"max_age_seconds": null}"#)
        #expect(response.status == 400)
    }

    @Test func aRevokedTokenGets403InvalidToken() throws {
        let token = try fixture.login()
        let json = try fixture.createToken(token).json()
        let full = try #require(json["full_token"] as? String)
        let prefix = try #require(json["token_prefix"] as? String)
        #expect(try fixture.call("GET", "/v1/me", token: full).status == 200)
        let encoded = prefix.replacingOccurrences(of: "/", with: "%2F")
        let deleted = try fixture.call("DELETE", "/v1/access_token/\(encoded)", token: token)
        #expect(deleted.status == 200)
        let after = try fixture.call("GET", "/v1/me", token: full)
        #expect(after.status == 403)
        #expect(after.message == "Invalid token")
        #expect(after.errorCode == "invalid_token")
    }

    @Test func answers404ForUnknownOrForeignTokens() throws {
        let mine = try fixture.login()
        let other = try fixture.login(FakeServerFixture.awsEmail)
        let foreign = String(other.prefix(12)).replacingOccurrences(of: "/", with: "%2F")
        for path in ["unknownPrefx", foreign] {
            let deleted = try fixture.call("DELETE", "/v1/access_token/\(path)", token: mine)
            #expect(deleted.status == 404)
            #expect(deleted.message == "Access token not found")
            let updated = try fixture.call(
                "PUT", "/v1/access_token/\(path)", token: mine, body: #"{"description": "x"}"#)
            #expect(updated.status == 404)
        }
        #expect(try fixture.call("GET", "/v1/me", token: other).status == 200)
    }
}
