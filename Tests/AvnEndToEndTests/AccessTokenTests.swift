import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user access-token")
struct AccessTokenTests {
    static let listColumns = [
        "expiry_time", "token_prefix", "description", "max_age_seconds", "extend_when_used",
        "last_used_time", "last_ip", "last_user_agent",
    ]
    static let createColumns = [
        "expiry_time", "description", "max_age_seconds", "extend_when_used", "full_token",
    ]

    /// The server's valid tokens of `email`, in its order.
    static func validTokens(_ world: EndToEnd, _ email: String) throws -> [JSONValue] {
        try world.fake.tokens(of: email).filter {
            $0["revoked"] == .bool(false) && $0["expired"] == .bool(false)
        }
    }

    @Test func createPrintsTheOfficialColumns() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let result = try world.avn(
            "user", "access-token", "create", "--description", "ci job", "--max-age-seconds",
            "3600", mayShowTokens: true)
        result.expectQuietSuccess()
        let record = try #require(
            try world.fake.tokens(of: Seed.ada.email).first {
                $0["kind"]?.stringValue == "personal"
            })
        #expect(record["description"]?.stringValue == "ci job")
        #expect(record["max_age_seconds"] == .int(3600))
        var row = ExpectedTable.rows([record], columns: Self.createColumns)[0]
        row[4] = try #require(record["token"]?.stringValue)
        #expect(result.stdout == ExpectedTable.render(columns: Self.createColumns, rows: [row]))
    }

    @Test func createJSONHoldsTheFullToken() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let result = try world.avn(
            "user", "access-token", "create", "--description", "notebook", "--extend-when-used",
            "--max-age-seconds", "600", "--json", mayShowTokens: true)
        result.expectQuietSuccess()
        let items = try #require(try JSONValue(parsing: result.stdout).arrayValue)
        #expect(items.count == 1)
        let full = try #require(items.first?["full_token"]?.stringValue)
        let record = try world.serverToken(full)
        #expect(record["description"]?.stringValue == "notebook")
        #expect(record["extend_when_used"] == .bool(true))
        #expect(items.first?["token_prefix"]?.stringValue == String(full.prefix(12)))
        #expect(result.stdout.hasPrefix("[\n    {\n        \"create_time\": "))
    }

    @Test func listTableShowsEveryValidToken() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn(
            "user", "access-token", "create", "--description", "no expiry é \"q\"",
            mayShowTokens: true)
        let result = try world.avn("user", "access-token", "list")
        result.expectQuietSuccess()
        let tokens = try Self.validTokens(world, Seed.ada.email)
        #expect(tokens.count == 2)
        var rows = ExpectedTable.rows(tokens, columns: Self.listColumns)
        rows[1][2] = #""no expiry \u00e9 \"q\"""#
        #expect(result.stdout == ExpectedTable.render(columns: Self.listColumns, rows: rows))
    }

    @Test func listJSONIsTheServersTokens() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn(
            "user", "access-token", "create", "--description", "one", mayShowTokens: true)
        let result = try world.avn("user", "access-token", "list", "--json")
        result.expectQuietSuccess()
        let items = try #require(try JSONValue(parsing: result.stdout).arrayValue)
        let server = try Self.validTokens(world, Seed.ada.email)
        #expect(items.map { $0["token_prefix"] } == server.map { $0["token_prefix"] })
        for (item, record) in zip(items, server) {
            for key in [
                "create_time", "description", "expiry_time", "max_age_seconds",
                "extend_when_used", "last_used_time", "last_ip", "last_user_agent",
            ] {
                #expect(item[key] == record[key], "\(key)")
            }
            #expect(item["full_token"] == nil)
        }
        let active = items.filter { $0["currently_active"] == .bool(true) }
        #expect(
            active.map { $0["token_prefix"] } == [
                .string(String(try world.token(ofProfile: Seed.ada.email).prefix(12)))
            ])
    }

    @Test func withProfilesNamesTheHolder() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "second")
        try world.avn(
            "user", "access-token", "create", "--description", "unheld", mayShowTokens: true)
        let result = try world.avn("user", "access-token", "list", "--with-profiles")
        result.expectQuietSuccess()
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("LAST_USER_AGENT  PROFILE") == true, "\(result)")
        for name in ["main", "second"] {
            let prefix = String(try world.token(ofProfile: name).prefix(12))
            let row = try #require(lines.first { $0.contains(prefix) })
            #expect(row.hasSuffix("  \(name)"), "\(row)")
        }
        let unheld = try #require(lines.first { $0.contains("unheld") })
        #expect(unheld.hasSuffix("  null"))
    }

    @Test func updateChangesTheDescription() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let created = try world.avn(
            "user", "access-token", "create", "--description", "old", "--json",
            mayShowTokens: true)
        let full = try #require(
            try JSONValue(parsing: created.stdout).arrayValue?.first?[
                "full_token"]?.stringValue)
        let prefix = String(full.prefix(12))

        let result = try world.avn("user", "access-token", "update", prefix, "--description", "new")
        result.expectQuietSuccess()
        let record = try world.serverToken(full)
        #expect(record["description"]?.stringValue == "new")
        let rows = ExpectedTable.rows([record], columns: Self.listColumns)
        #expect(result.stdout == ExpectedTable.render(columns: Self.listColumns, rows: rows))

        let json = try world.avn(
            "user", "access-token", "update", full, "--description", "newer", "--json")
        json.expectQuietSuccess()
        let items = try #require(try JSONValue(parsing: json.stdout).arrayValue)
        #expect(items.count == 1)
        #expect(items.first?["description"]?.stringValue == "newer")
    }

    @Test func revokeAPersonalToken() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let created = try world.avn(
            "user", "access-token", "create", "--description", "short-lived", "--json",
            mayShowTokens: true)
        let full = try #require(
            try JSONValue(parsing: created.stdout).arrayValue?.first?[
                "full_token"]?.stringValue)

        let result = try world.avn("user", "access-token", "revoke", String(full.prefix(12)))
        result.expectQuietSuccess()
        #expect(result.stdout == "Revoked\n")
        #expect(try world.serverToken(full)["revoked"] == .bool(true))
        #expect(try world.profile(Seed.ada.email).state == .active)
    }

    @Test func revokingTheTokenAProfileHoldsMarksItRevoked() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "other")
        let otherToken = try world.token(ofProfile: "other")
        let other = try world.profile("other")

        let result = try world.avn(
            "--profile", "main", "user", "access-token", "revoke", String(otherToken.prefix(12)))
        result.expectQuietSuccess()
        #expect(result.stdout == "Revoked\n")
        #expect(try world.serverToken(otherToken)["revoked"] == .bool(true))
        #expect(try world.profile("other").state == .revoked)
        #expect(try world.vault.keyringItemCount(profileID: other.id) == 0)
        #expect(try world.profile("main").state == .active)
        #expect(try world.serverAccepts(try world.token(ofProfile: "main")))
    }

    @Test(arguments: [
        (
            ["create", "--description", "x", "--max-age-seconds", "10"],
            "Invalid max_age_seconds (status 400)"
        ),
        (
            ["create", "--description", "x", "--max-age-seconds", "315360001"],
            "Invalid max_age_seconds (status 400)"
        ),
        (["update", "AAAAAAAAAAAA", "--description", "x"], "Access token not found (status 404)"),
        (["revoke", "AAAAAAAAAAAA"], "Access token not found (status 404)"),
    ])
    func serverRefusals(arguments: [String], message: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        let result = try world.runner.run(["user", "access-token"] + arguments)
        world.record(result)
        result.expectFailure(containing: message)
        #expect(try world.vault.snapshot().tokens == before.tokens)
        #expect(try world.fake.tokens(of: Seed.ada.email).count == 1)
    }
}
