import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user status")
struct StatusTests {
    /// The STATUS cell of the row of profile `name` in a status table.
    static func status(of name: String, in result: AvnResult) -> String? {
        guard let header = result.stdoutLines.first,
            let statusColumn = header.range(of: "STATUS"),
            let row = result.stdoutLines.dropFirst().first(where: { $0.hasPrefix(name + " ") })
        else { return nil }
        let offset = header.distance(from: header.startIndex, to: statusColumn.lowerBound)
        guard row.count > offset else { return nil }
        let rest = row.dropFirst(offset)
        return rest.components(separatedBy: "  ").first.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func validTokenIsRecordedAsVerified() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        let result = try world.avn("user", "status")
        result.expectQuietSuccess()
        #expect(result.stdoutLines.first?.hasPrefix("NAME  ") == true, "\(result)")
        #expect(Self.status(of: "work", in: result) == "valid", "\(result)")
    }

    @Test func expiredEverywhereAfterTokensExpireElsewhere() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        let outside = try world.outsideSession(Seed.ada)
        try world.callAPI(.post, "/v1/me/expire_tokens", as: outside)
        #expect(try world.profile("work").state == .active)

        let result = try world.avn("user", "status")
        #expect(result.status == 1, "\(result)")
        #expect(Self.status(of: "work", in: result) == "expired", "\(result)")
        #expect(try world.profile("work").state == .expired)
        try world.avn("user", "token").expectFailure(containing: "is expired")
    }

    @Test func revokedAfterARevokeFromAnotherProfile() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "other")
        let prefix = String(try world.token(ofProfile: "other").prefix(12))
        let outside = try world.outsideSession(Seed.ada)
        try world.callAPI(.delete, "/v1/access_token/\(prefix.percentEncodedSegment)", as: outside)
        #expect(try world.profile("other").state == .active)

        let result = try world.avn("user", "status", "other")
        #expect(result.status == 1, "\(result)")
        #expect(Self.status(of: "other", in: result) == "revoked", "\(result)")
        #expect(try world.profile("other").state == .revoked)
        #expect(try world.profile("main").state == .active)
    }

    @Test func allChecksEveryProfileAndJSONSaysTheSame() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.linus, "--profile", "linus", "--tenant", "gcp")
        try world.login(Seed.ada, "--profile", "other")
        try world.avn("user", "switch", "main").expectSuccessWithInfo("main")
        let prefix = String(try world.token(ofProfile: "other").prefix(12))
        let outside = try world.outsideSession(Seed.ada)
        try world.callAPI(.delete, "/v1/access_token/\(prefix.percentEncodedSegment)", as: outside)

        let table = try world.avn("user", "status", "--all")
        #expect(table.status == 0, "the profile in effect is valid: \(table)")
        #expect(table.stdoutLines.count == 4, "\(table)")
        #expect(Self.status(of: "main", in: table) == "valid")
        #expect(Self.status(of: "linus", in: table) == "valid")
        #expect(Self.status(of: "other", in: table) == "revoked")

        let json = try world.avn("user", "status", "--all", "--json")
        #expect(json.status == 0, "\(json)")
        let items = try #require(try JSONValue(parsing: json.stdout).arrayValue)
        #expect(items.count == 3)
        let byName = Dictionary(
            uniqueKeysWithValues: items.compactMap { item in
                item["name"]?.stringValue.map { ($0, item) }
            })
        #expect(byName["main"]?["status"]?.stringValue == "valid")
        #expect(byName["linus"]?["status"]?.stringValue == "valid")
        #expect(byName["linus"]?["email"]?.stringValue == Seed.linus.email)
        #expect(byName["other"]?["status"]?.stringValue == "revoked")
        #expect(byName["other"]?["api_url"]?.stringValue == world.fake.url)
        #expect(byName["other"]?["detail"] == .null)

        try world.avn("user", "switch", "other").expectSuccessWithInfo("other")
        let watched = try world.avn("user", "status", "--all")
        #expect(watched.status == 1, "the profile in effect is revoked: \(watched)")
    }

    @Test func unreachableServerChangesNothing() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.ada, "--profile", "spare")
        let before = try world.vault.snapshot()
        world.stopServer()

        let result = try world.avn("user", "status", "--all", "--json")
        #expect(result.status == 1, "\(result)")
        let items = try #require(try JSONValue(parsing: result.stdout).arrayValue)
        #expect(items.count == 2)
        for item in items {
            #expect(item["status"]?.stringValue == "unreachable", "\(item)")
            #expect(item["detail"]?.stringValue?.isEmpty == false)
        }
        let table = try world.avn("user", "status", "work")
        #expect(table.status == 1)
        #expect(Self.status(of: "work", in: table) == "unreachable", "\(table)")
        #expect(try world.vault.snapshot() == before)
    }

    @Test func tokenMissingFromTheKeyringNeedsLogin() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try KeyringTool.clear(profileID: try world.profile("work").id)
        let result = try world.avn("user", "status")
        #expect(result.status == 1, "\(result)")
        #expect(Self.status(of: "work", in: result) == "needs login", "\(result)")
        #expect(try world.profile("work").state == .needsLogin)
    }
}
