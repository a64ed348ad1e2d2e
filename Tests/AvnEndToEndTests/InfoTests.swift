import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user info")
struct InfoTests {
    static let columns = ["user", "real_name", "state", "token_validity_begin", "projects", "auth"]

    static func expectedTable(_ account: Seed.Account, validityBegin: String = "null") -> String {
        ExpectedTable.render(
            columns: columns,
            rows: [
                [
                    account.email, account.realName, "active", validityBegin,
                    account.projects.joined(separator: ", "), "password",
                ]
            ])
    }

    /// A session token made straight through the API, not through avn.
    static func sessionToken(_ world: EndToEnd, _ account: Seed.Account) throws -> String {
        var body: [(key: String, value: JSONValue)] = [
            ("email", .string(account.email)), ("password", .string(account.password)),
        ]
        if let otp = account.otp { body.append(("otp", .string(otp))) }
        let answer = try world.fake.admin(.post, "/v1/userauth", body: .object(body))
        return try #require(answer["token"]?.stringValue)
    }

    @Test func tableMatchesTheOfficialLayout() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let result = try world.avn("user", "info")
        result.expectQuietSuccess()
        #expect(result.stdout == Self.expectedTable(Seed.ada))
        #expect(
            result.stdout.hasPrefix(
                "USER             REAL_NAME     STATE   TOKEN_VALIDITY_BEGIN  PROJECTS               "
                    + "AUTH    \n"))
    }

    @Test func jsonIsTheUserAsAOneElementArray() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let result = try world.avn("user", "info", "--json")
        result.expectQuietSuccess()
        let token = try world.token(ofProfile: Seed.ada.email)
        let user = try #require(
            try world.fake.admin(
                .get, "/v1/me", headers: ["authorization": "aivenv1 \(token)"])["user"])
        let createTime = try #require(user["create_time"]?.stringValue)
        let userID = try #require(user["user_id"]?.stringValue)
        let expected = """
            [
                {
                    "auth": [
                        "password"
                    ],
                    "create_time": "\(createTime)",
                    "features": {},
                    "invitations": [],
                    "project_membership": {
                        "dev-sandbox": "admin",
                        "prod-env": "admin"
                    },
                    "project_memberships": {
                        "dev-sandbox": [
                            "admin"
                        ],
                        "prod-env": [
                            "admin"
                        ]
                    },
                    "projects": [
                        "dev-sandbox",
                        "prod-env"
                    ],
                    "real_name": "Ada Lovelace",
                    "state": "active",
                    "tenant": "aiven",
                    "token_validity_begin": null,
                    "user": "ada@example.com",
                    "user_id": "\(userID)"
                }
            ]

            """
        #expect(result.stdout == expected)
    }

    @Test func authTokenOptionWarnsAboutTheCommandLine() throws {
        let world = try EndToEnd()
        let token = try Self.sessionToken(world, Seed.linus)
        let result = try world.avn("user", "info", "--auth-token", token)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.expectedTable(Seed.linus))
        #expect(
            result.stderr == "WARNING\ta token given with --auth-token can be read by other "
                + "local users; prefer AIVEN_AUTH_TOKEN or the vault\n")
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func authTokenVariableLeavesTheVaultAlone() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        let token = try Self.sessionToken(world, Seed.linus)
        let result = try world.avn("user", "info", environment: ["AIVEN_AUTH_TOKEN": token])
        result.expectQuietSuccess()
        #expect(result.stdout == Self.expectedTable(Seed.linus))
        #expect(try world.vault.snapshot() == before)
    }

    @Test func expiredTokenMarksTheProfileExpired() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.fake.advanceClock(seconds: 2_592_000 + 60)
        let result = try world.avn("user", "info")
        #expect(
            result.stderr
                == "ERROR\tcommand failed: Missing (expired) db token (status 401)\n")
        result.expectFailure()
        #expect(try world.profile(Seed.ada.email).state == .expired)

        let again = try world.avn("user", "info")
        again.expectFailure(
            containing: "is expired", "avn user login --profile ada@example.com")
    }

    @Test func tokenRevokedElsewhereMarksTheProfileRevoked() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        let other = try Self.sessionToken(world, Seed.ada)
        _ = try world.fake.admin(
            .delete, "/v1/access_token/\(String(token.prefix(12)).percentEncodedSegment)",
            headers: ["authorization": "aivenv1 \(other)"])

        let result = try world.avn("user", "info")
        #expect(result.stderr == "ERROR\tcommand failed: Invalid token (status 403)\n")
        result.expectFailure()
        #expect(try world.profile(Seed.ada.email).state == .revoked)
    }

    @Test func validityBeginAppearsAfterTokensExpire() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn("user", "tokens-expire")
        try world.login(Seed.ada)
        let result = try world.avn("user", "info")
        result.expectQuietSuccess()
        let users = try world.fake.state()["users"]?.arrayValue ?? []
        let begin = try #require(users.first?["token_validity_begin"]?.stringValue)
        #expect(result.stdout == Self.expectedTable(Seed.ada, validityBegin: begin))
    }
}

extension String {
    /// The text as one URL path segment, every reserved character encoded.
    var percentEncodedSegment: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self
    }
}
