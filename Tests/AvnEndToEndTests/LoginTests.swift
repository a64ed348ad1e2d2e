import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user login")
struct LoginTests {
    /// Checks the one profile of a fresh login and its keyring item.
    static func expectLoggedIn(
        _ world: EndToEnd, profile name: String, email: String, method: LoginMethod,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let profile = try world.profile(name, sourceLocation: sourceLocation)
        #expect(profile.email == email, sourceLocation: sourceLocation)
        #expect(profile.apiURL == world.fake.url, sourceLocation: sourceLocation)
        #expect(profile.loginMethod == method, sourceLocation: sourceLocation)
        #expect(profile.state == .active, sourceLocation: sourceLocation)
        #expect(try world.vault.currentProfileName() == name, sourceLocation: sourceLocation)
        let token = try world.token(ofProfile: name, sourceLocation: sourceLocation)
        #expect(profile.tokenPrefix == String(token.prefix(12)), sourceLocation: sourceLocation)
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 1)
        let record = try world.serverToken(token, sourceLocation: sourceLocation)
        #expect(record["user"]?.stringValue == email, sourceLocation: sourceLocation)
        #expect(try world.serverAccepts(token), sourceLocation: sourceLocation)
    }

    @Test func passwordFromStandardInput() throws {
        let world = try EndToEnd()
        let result = try world.avn("user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == "INFO\tLogged in as ada@example.com; profile 'ada@example.com' "
                + "is in use (token kept in the keyring store)\n")
        try Self.expectLoggedIn(
            world, profile: Seed.ada.email, email: Seed.ada.email, method: .password)
        #expect(try world.vault.profiles().count == 1)
    }

    @Test func passwordFromEnvironment() throws {
        let world = try EndToEnd()
        let result = try world.avn(
            "user", "login", Seed.ada.email, environment: ["AIVEN_PASSWORD": Seed.ada.password])
        #expect(result.status == 0, "\(result)")
        try Self.expectLoggedIn(
            world, profile: Seed.ada.email, email: Seed.ada.email, method: .password)
    }

    @Test func oneTimeCodeOnTheSecondLine() throws {
        let world = try EndToEnd()
        let result = try world.avn(
            "user", "login", Seed.grace.email, stdin: "\(Seed.grace.password)\n123456\n")
        #expect(result.status == 0, "\(result)")
        try Self.expectLoggedIn(
            world, profile: Seed.grace.email, email: Seed.grace.email, method: .password)
    }

    static let refusedLogins: [(email: String, input: String, message: String)] = [
        (Seed.ada.email, "wrong-password\n", "Authentication failed (status 403)"),
        ("nobody@example.com", "whatever-pass\n", "Authentication failed (status 403)"),
        (Seed.grace.email, "\(Seed.grace.password)\n000000\n", "Invalid OTP (status 403)"),
        (Seed.grace.email, "\(Seed.grace.password)\n", "no two-factor authentication code given"),
        (Seed.ada.email, "", "no password given"),
    ]

    @Test(arguments: refusedLogins)
    func refusedLoginKeepsNothing(email: String, input: String, message: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.linus, "--tenant", "gcp")
        let before = try world.vault.snapshot()
        let tokensBefore = try world.fake.tokens().count

        let result = try world.avn("user", "login", email, "--profile", "other", stdin: input)
        result.expectFailure(containing: message)
        #expect(try world.vault.snapshot() == before)
        #expect(try world.fake.tokens().count == tokensBefore)
    }

    @Test func wrongPasswordLineIsExactlyTheOfficialOne() throws {
        let world = try EndToEnd()
        let result = try world.avn("user", "login", Seed.ada.email, stdin: "nope-nope\n")
        #expect(result.status == 1)
        #expect(result.stderr == "ERROR\tcommand failed: Authentication failed (status 403)\n")
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func personalTokenFromStandardInput() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        let created = try world.avn(
            "user", "access-token", "create", "--description", "ci", "--json", mayShowTokens: true)
        let full = try #require(
            try JSONValue(parsing: created.stdout).arrayValue?.first?[
                "full_token"]?.stringValue)

        let result = try world.avn(
            "user", "login", "--token", "--profile", "ci", stdin: full + "\n")
        #expect(result.status == 0, "\(result)")
        try Self.expectLoggedIn(world, profile: "ci", email: Seed.ada.email, method: .token)
        #expect(try world.token(ofProfile: "ci") == full)
    }

    @Test func sessionTokenFromEnvironmentWithMatchingEmail() throws {
        let world = try EndToEnd()
        let session = try #require(
            try world.fake.admin(
                .post, "/v1/userauth",
                body: .dictionary([
                    "email": .string(Seed.ada.email), "password": .string(Seed.ada.password),
                ]))["token"]?.stringValue)

        let result = try world.avn(
            "user", "login", Seed.ada.email, "--token", environment: ["AIVEN_AUTH_TOKEN": session])
        #expect(result.status == 0, "\(result)")
        try Self.expectLoggedIn(
            world, profile: Seed.ada.email, email: Seed.ada.email, method: .token)
        #expect(try world.token(ofProfile: Seed.ada.email) == session)
    }

    @Test(arguments: [
        ([] as [String], "not-a-real-token-at-all", "Invalid token (status 403)"),
        (["someone@example.com"], nil, "the token belongs to ada@example.com, not someone"),
    ])
    func refusedTokenKeepsNothing(extra: [String], token: String?, message: String) throws {
        let world = try EndToEnd()
        let valid = try #require(
            try world.fake.admin(
                .post, "/v1/userauth",
                body: .dictionary([
                    "email": .string(Seed.ada.email), "password": .string(Seed.ada.password),
                ]))["token"]?.stringValue)
        let result = try world.runner.run(
            ["user", "login", "--token"] + extra, stdin: (token ?? valid) + "\n")
        world.record(result)
        result.expectFailure(containing: message)
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func tenantIsSentAndKept() throws {
        let world = try EndToEnd()
        try world.login(Seed.linus, "--tenant", "gcp")
        let profile = try world.profile(Seed.linus.email)
        #expect(profile.tenant == "gcp")

        let wrong = try world.avn(
            "user", "login", Seed.linus.email, "--tenant", "aws", "--profile", "aws",
            stdin: Seed.linus.password + "\n")
        wrong.expectFailure(containing: "Tenant mismatch (status 403)")
        #expect(try world.vault.profile(named: "aws") == nil)
    }

    @Test func profileOptionNamesTheProfile() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try Self.expectLoggedIn(world, profile: "work", email: Seed.ada.email, method: .password)
        #expect(try world.vault.profiles().map(\.name) == ["work"])
    }

    @Test func loggingInAgainReplacesTheTokenAndRevokesTheOldSession() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let first = try world.profile(Seed.ada.email)
        let oldToken = try world.token(ofProfile: Seed.ada.email)

        try world.login(Seed.ada)
        let second = try world.profile(Seed.ada.email)
        let newToken = try world.token(ofProfile: Seed.ada.email)
        #expect(second.id == first.id)
        #expect(newToken != oldToken)
        #expect(try world.vault.keyringItemCount(profileID: second.id) == 1)
        #expect(try world.vault.profiles().count == 1)
        #expect(try world.serverToken(oldToken)["revoked"] == .bool(true))
        #expect(try world.serverAccepts(newToken))
    }

    @Test func sameEmailOnAnotherServerGetsItsOwnProfile() throws {
        let world = try EndToEnd()
        let other = try FakeAPIProcess(seedJSON: Seed.json, seedPath: world.folder.file("s2.json"))
        defer { other.stop() }
        try world.login(Seed.ada)
        let result = try world.avn(
            "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n",
            environment: ["AIVEN_WEB_URL": other.url])
        #expect(result.status == 0, "\(result)")

        let profiles = try world.vault.profiles()
        #expect(profiles.count == 2)
        let second = try #require(profiles.first { $0.apiURL == other.url })
        #expect(second.name != Seed.ada.email)
        #expect(second.name.hasPrefix(Seed.ada.email))
        #expect(try world.vault.currentProfileName() == second.name)
        #expect(try world.profile(Seed.ada.email).apiURL == world.fake.url)
        let token = try #require(try world.vault.keyringToken(profileID: second.id))
        #expect(try other.token(token)?["revoked"] == .bool(false))
    }
}
