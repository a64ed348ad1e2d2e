import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user profiles, switch, rename and remove")
struct ProfileCommandsTests {
    /// Ada as `work` and Linus under his default name; Linus is current.
    static func twoProfiles() throws -> EndToEnd {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.linus, "--tenant", "gcp")
        return world
    }

    @Test func tableShowsEveryProfileAndMarksTheCurrentOne() throws {
        let world = try Self.twoProfiles()
        let result = try world.avn("user", "profiles")
        result.expectQuietSuccess()
        let lines = result.stdoutLines
        #expect(lines.count == 3, "\(result)")
        let header = try #require(lines.first)
        let columns = header.split(separator: " ", omittingEmptySubsequences: true)
        #expect(
            columns == [
                "NAME", "EMAIL", "API", "TENANT", "STATE", "EXPIRES", "LAST", "USED",
                "STORE",
            ])
        let host = String(world.fake.url.dropFirst("http://".count))
        let linus = try #require(lines.first { $0.contains(Seed.linus.email) })
        let ada = try #require(lines.first { $0.contains("work") })
        #expect(
            linus.hasPrefix("*  linus@example.com  linus@example.com  \(host)  gcp"), "\(linus)")
        #expect(ada.hasPrefix("   work"), "\(ada)")
        let cells = ada.split(separator: " ", omittingEmptySubsequences: true)
        #expect(
            cells.prefix(5).map(String.init) == ["work", Seed.ada.email, host, "-", "active"],
            "\(ada)")
        for line in [ada, linus] {
            #expect(line.hasSuffix("  keyring"), "\(line)")
        }
        #expect(!world.secretsPrinted(by: result))
    }

    @Test func jsonHoldsTheFactsAndNoToken() throws {
        let world = try Self.twoProfiles()
        let result = try world.avn("user", "profiles", "--json")
        result.expectQuietSuccess()
        let items = try #require(try JSONValue(parsing: result.stdout).arrayValue)
        #expect(items.count == 2)
        let keys: Set = [
            "name", "email", "api_url", "tenant", "current", "state", "login_method",
            "token_prefix", "expiry_time", "last_used_time", "last_verified_time", "create_time",
            "secret_store",
        ]
        for item in items {
            guard case .object(let members) = item else {
                Issue.record("not an object: \(item)")
                continue
            }
            #expect(Set(members.map(\.key)) == keys)
        }
        let work = try #require(items.first { $0["name"]?.stringValue == "work" })
        #expect(work["email"]?.stringValue == Seed.ada.email)
        #expect(work["api_url"]?.stringValue == world.fake.url)
        #expect(work["tenant"] == .null)
        #expect(work["current"] == .bool(false))
        #expect(work["state"]?.stringValue == "active")
        #expect(work["login_method"]?.stringValue == "password")
        #expect(work["secret_store"]?.stringValue == "keyring")
        #expect(
            work["token_prefix"]?.stringValue
                == String(try world.token(ofProfile: "work").prefix(12)))
        let linus = try #require(items.first { $0["name"]?.stringValue == Seed.linus.email })
        #expect(linus["current"] == .bool(true))
        #expect(linus["tenant"]?.stringValue == "gcp")
        #expect(!world.secretsPrinted(by: result))
    }

    @Test func namesListsOneNamePerLine() throws {
        let world = try Self.twoProfiles()
        let result = try world.avn("user", "profiles", "--names")
        result.expectQuietSuccess()
        #expect(Set(result.stdoutLines) == ["work", Seed.linus.email])
        #expect(result.stdoutLines.count == 2)
    }

    @Test func emptyVaultListsNothing() throws {
        let world = try EndToEnd()
        let table = try world.avn("user", "profiles")
        #expect(table.status == 0)
        #expect(table.stdout.isEmpty)
        #expect(table.stderr.contains("No profiles yet"))
        let names = try world.avn("user", "profiles", "--names")
        names.expectQuietSuccess()
        #expect(names.stdout.isEmpty)
        let json = try world.avn("user", "profiles", "--json")
        json.expectQuietSuccess()
        #expect(try JSONValue(parsing: json.stdout).arrayValue?.isEmpty == true)
    }

    @Test func switchByName() throws {
        let world = try Self.twoProfiles()
        let result = try world.avn("user", "switch", "work")
        result.expectSuccessWithInfo("Profile 'work' (ada@example.com) is now current")
        #expect(try world.vault.currentProfileName() == "work")
        let current = try world.avn("user", "current")
        #expect(current.stdout == "work (the current profile)\n")

        let missing = try world.avn("user", "switch", "ghost")
        missing.expectFailure(containing: "ghost")
        #expect(try world.vault.currentProfileName() == "work")
    }

    @Test func switchWithoutNameTogglesBetweenTwo() throws {
        let world = try Self.twoProfiles()
        try world.avn("user", "switch").expectSuccessWithInfo("Profile 'work'")
        #expect(try world.vault.currentProfileName() == "work")
        try world.avn("user", "switch").expectSuccessWithInfo("Profile '\(Seed.linus.email)'")
        #expect(try world.vault.currentProfileName() == Seed.linus.email)
    }

    @Test func switchWithoutNameAmongThreeNeedsATerminal() throws {
        let world = try Self.twoProfiles()
        try world.login(Seed.grace, "--profile", "third")
        let result = try world.avn("user", "switch")
        result.expectUsageError(containing: "name the profile to switch to")
        #expect(try world.vault.currentProfileName() == "third")
    }

    @Test func switchWithNoProfilesSaysToLogIn() throws {
        let world = try EndToEnd()
        try world.avn("user", "switch").expectFailure(containing: "avn user login")
    }

    @Test func renameKeepsTheTokenAndRelabelsTheKeyringItem() throws {
        let world = try Self.twoProfiles()
        let before = try world.profile("work")
        let token = try world.token(ofProfile: "work")
        #expect(
            try KeyringTool.labels(profileID: before.id)
                == ["Aiven token for ada@example.com (work)"])

        let result = try world.avn("user", "rename", "work", "job")
        result.expectSuccessWithInfo("Profile 'work' is now named 'job'")
        let after = try world.profile("job")
        #expect(after.id == before.id)
        #expect(try world.vault.profile(named: "work") == nil)
        #expect(try world.token(ofProfile: "job") == token)
        #expect(
            try KeyringTool.labels(profileID: after.id)
                == ["Aiven token for ada@example.com (job)"])
        #expect(try world.vault.keyringItemCount(profileID: after.id) == 1)
        let fetched = try world.avn("user", "token", "--profile", "job", mayShowTokens: true)
        #expect(fetched.stdout == token + "\n")
    }

    @Test(arguments: [
        ("work", Seed.linus.email, "linus@example.com"),
        ("ghost", "spirit", "ghost"),
        ("work", "#hash", "cannot be a profile name"),
        ("work", " spaced", "cannot be a profile name"),
    ])
    func refusedRenameChangesNothing(old: String, new: String, message: String) throws {
        let world = try Self.twoProfiles()
        let before = try world.vault.snapshot()
        let result = try world.runner.run(["user", "rename", old, new])
        world.record(result)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try world.vault.snapshot() == before)
    }

    @Test func removeRevokesOnTheServerAndForgetsLocally() throws {
        let world = try Self.twoProfiles()
        let work = try world.profile("work")
        let token = try world.token(ofProfile: "work")
        let result = try world.avn("user", "remove", "work")
        result.expectSuccessWithInfo("Profile 'work' removed")
        #expect(try world.serverToken(token)["revoked"] == .bool(true))
        #expect(try world.vault.profile(named: "work") == nil)
        #expect(try world.vault.keyringItemCount(profileID: work.id) == 0)
        #expect(try world.vault.currentProfileName() == Seed.linus.email)
        #expect(try world.serverAccepts(try world.token(ofProfile: Seed.linus.email)))
    }

    @Test func removeWithoutRevokeKeepsTheServerSession() throws {
        let world = try Self.twoProfiles()
        let work = try world.profile("work")
        let token = try world.token(ofProfile: "work")
        let result = try world.avn("user", "remove", "work", "--no-token-revoke")
        #expect(result.status == 0, "\(result)")
        #expect(try world.serverAccepts(token))
        #expect(try world.vault.profile(named: "work") == nil)
        #expect(try world.vault.keyringItemCount(profileID: work.id) == 0)
    }

    @Test func removeKeepsEverythingWhenTheServerCannotConfirm() throws {
        let world = try Self.twoProfiles()
        let before = try world.vault.snapshot()
        world.stopServer()
        let result = try world.avn("user", "remove", "work")
        result.expectFailure(containing: "nothing was removed locally")
        #expect(try world.vault.snapshot() == before)
    }

    @Test func sameEmailElsewhereGetsAHostOrTenantName() throws {
        let world = try EndToEnd()
        let other = try FakeAPIProcess(
            seedJSON: Seed.json, seedPath: world.folder.file("second-seed.json"))
        defer { other.stop() }
        try world.login(Seed.ada)
        let elsewhere = try world.avn(
            "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n",
            environment: ["AIVEN_WEB_URL": other.url])
        #expect(elsewhere.status == 0, "\(elsewhere)")
        try world.login(Seed.ada, "--tenant", "aiven")

        let host = String(world.fake.url.dropFirst("http://".count))
        let otherHost = String(other.url.dropFirst("http://".count))
        let names = Set(try world.vault.profiles().map(\.name))
        #expect(
            names == [
                Seed.ada.email, "\(Seed.ada.email)@\(otherHost)", "\(Seed.ada.email)@\(host)/aiven",
            ])
        let profile = try world.profile("\(Seed.ada.email)@\(otherHost)")
        #expect(profile.apiURL == other.url)
        let token = try #require(try world.vault.keyringToken(profileID: profile.id))
        #expect(try other.token(token)?["user"]?.stringValue == Seed.ada.email)
        for profile in try world.vault.profiles() {
            #expect(
                try KeyringTool.labels(profileID: profile.id)
                    == ["Aiven token for \(Seed.ada.email) (\(profile.name))"])
        }
    }
}

extension AvnResult {
    /// Exit 0, nothing on stdout, one INFO line on stderr containing `fragment`.
    func expectSuccessWithInfo(
        _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(status == 0, "\(self)", sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, "\(self)", sourceLocation: sourceLocation)
        #expect(stderrLines.count == 1, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("INFO\t"), "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.contains(fragment), "\(self)", sourceLocation: sourceLocation)
    }
}
