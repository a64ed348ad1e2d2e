import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user token")
struct TokenHelperTests {
    /// Runs `avn user token` in the test folder.
    static func token(
        _ world: EndToEnd, _ extra: [String] = [],
        environment: [String: String] = [:], removing: [String] = []
    ) throws -> AvnResult {
        try world.run(
            in: world.folder.path, program: try BuiltProducts.executable(named: "avn"),
            ["user", "token"] + extra, environment: environment, removing: removing,
            mayShowTokens: true)
    }

    @Test
    func printsExactlyTheTokenAndANewline() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.linus, "--profile", "home", "--tenant", "gcp")
        let result = try Self.token(world)
        result.expectQuietSuccess()
        #expect(result.stdout == (try world.token(ofProfile: "home")) + "\n")

        let named = try Self.token(world, ["--profile", "work"])
        named.expectQuietSuccess()
        #expect(named.stdout == (try world.token(ofProfile: "work")) + "\n")
        #expect(
            try world.owner(of: named.stdout.trimmingCharacters(in: .newlines))
                == Seed.ada.email)

        let byVaultOption = try Self.token(
            world, ["--vault", world.runner.vaultPath, "--profile=work"],
            removing: ["AVN_VAULT"])
        byVaultOption.expectQuietSuccess()
        #expect(byVaultOption.stdout == named.stdout)
    }

    @Test
    func needsNoNetwork() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        world.stopServer()
        let result = try Self.token(world)
        result.expectQuietSuccess()
        #expect(result.stdout == token + "\n")
    }

    @Test
    func withoutAnyProfileItFails() throws {
        let world = try EndToEnd()
        let result = try Self.token(world)
        result.expectFailure(containing: "not authenticated", "avn user login")
        // The helper never creates a vault just to find it empty.
        #expect(!world.vault.exists)
    }

    @Test
    func expiredProfileFails() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn("user", "tokens-expire").expectQuietSuccess()
        let result = try Self.token(world)
        result.expectFailure(
            containing: "the token of profile 'ada@example.com' is expired",
            "avn user login --profile ada@example.com")
    }

    @Test
    func revokedProfileFails() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "other")
        let prefix = String(try world.token(ofProfile: "other").prefix(12))
        try world.avn("--profile", "main", "user", "access-token", "revoke", prefix)
            .expectQuietSuccess()
        let result = try Self.token(world, ["--profile", "other"])
        result.expectFailure(containing: "the token of profile 'other' is revoked")
        let main = try Self.token(world, ["--profile", "main"])
        main.expectQuietSuccess()
    }

    @Test
    func tokenMissingFromTheKeyringFails() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let profile = try world.profile(Seed.ada.email)
        try KeyringTool.clear(profileID: profile.id)
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0)
        let result = try Self.token(world)
        result.expectFailure(
            containing: "profile 'ada@example.com' has no token in the keyring store",
            "needs login")
    }

    @Test
    func unavailableKeyringFailsOnOneLine() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        let result = try Self.token(
            world, environment: ["AVN_KEYRING_TIMEOUT": "3"],
            removing: ["DBUS_SESSION_BUS_ADDRESS"])
        result.expectFailure()
        #expect(!result.timedOut)
        #expect(try world.vault.snapshot() == before)
    }

    @Test
    func expiryWarningGoesToStandardErrorOnly() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        let warned = try Self.token(
            world, environment: ["AVN_EXPIRY_WARNING_DAYS": "40"])
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.stdout == token + "\n")
        #expect(warned.stderrLines.count == 1, "\(warned)")
        #expect(warned.stderr.hasPrefix("WARNING\t"), "\(warned)")
        #expect(warned.stderr.contains("the token of profile 'ada@example.com' expires at"))

        let quiet = try Self.token(
            world, environment: ["AVN_EXPIRY_WARNING_DAYS": "20"])
        quiet.expectQuietSuccess()
        #expect(quiet.stdout == token + "\n")
    }
}
