import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user token")
struct TokenHelperTests {
    /// The lean `avn` answers `user token` itself; `avn-cli` must answer the same way.
    static let programs = ["avn", "avn-cli"]

    static func program(_ name: String) throws -> String {
        try BuiltProducts.executable(named: name)
    }

    /// Runs `user token` with `program` in the test folder.
    static func token(
        _ world: EndToEnd, with program: String, _ extra: [String] = [],
        environment: [String: String] = [:], removing: [String] = []
    ) throws -> AvnResult {
        try world.run(
            in: world.folder.path, program: try Self.program(program), ["user", "token"] + extra,
            environment: environment, removing: removing, mayShowTokens: true)
    }

    @Test(arguments: programs)
    func printsExactlyTheTokenAndANewline(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.linus, "--profile", "home", "--tenant", "gcp")
        let result = try Self.token(world, with: program)
        result.expectQuietSuccess()
        #expect(result.stdout == (try world.token(ofProfile: "home")) + "\n")

        let named = try Self.token(world, with: program, ["--profile", "work"])
        named.expectQuietSuccess()
        #expect(named.stdout == (try world.token(ofProfile: "work")) + "\n")
        #expect(
            try world.owner(of: named.stdout.trimmingCharacters(in: .newlines))
                == Seed.ada.email)

        let byVaultOption = try Self.token(
            world, with: program, ["--vault", world.runner.vaultPath, "--profile=work"],
            removing: ["AVN_VAULT"])
        byVaultOption.expectQuietSuccess()
        #expect(byVaultOption.stdout == named.stdout)
    }

    @Test(arguments: programs)
    func needsNoNetwork(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        world.stopServer()
        let result = try Self.token(world, with: program)
        result.expectQuietSuccess()
        #expect(result.stdout == token + "\n")
    }

    @Test(arguments: programs)
    func withoutAnyProfileItFails(program: String) throws {
        let world = try EndToEnd()
        let result = try Self.token(world, with: program)
        result.expectFailure(containing: "not authenticated", "avn user login")
        // The lean helper never creates a vault just to find it empty.
        if program == "avn" { #expect(!world.vault.exists) }
    }

    @Test(arguments: programs)
    func expiredProfileFails(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn("user", "tokens-expire").expectQuietSuccess()
        let result = try Self.token(world, with: program)
        result.expectFailure(
            containing: "the token of profile 'ada@example.com' is expired",
            "avn user login --profile ada@example.com")
    }

    @Test(arguments: programs)
    func revokedProfileFails(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "other")
        let prefix = String(try world.token(ofProfile: "other").prefix(12))
        try world.avn("--profile", "main", "user", "access-token", "revoke", prefix)
            .expectQuietSuccess()
        let result = try Self.token(world, with: program, ["--profile", "other"])
        result.expectFailure(containing: "the token of profile 'other' is revoked")
        let main = try Self.token(world, with: program, ["--profile", "main"])
        main.expectQuietSuccess()
    }

    @Test(arguments: programs)
    func tokenMissingFromTheKeyringFails(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let profile = try world.profile(Seed.ada.email)
        try KeyringTool.clear(profileID: profile.id)
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0)
        let result = try Self.token(world, with: program)
        result.expectFailure(
            containing: "profile 'ada@example.com' has no token in the keyring store",
            "needs login")
    }

    @Test(arguments: programs)
    func unavailableKeyringFailsOnOneLine(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        let result = try Self.token(
            world, with: program, environment: ["AVN_KEYRING_TIMEOUT": "3"],
            removing: ["DBUS_SESSION_BUS_ADDRESS"])
        result.expectFailure()
        #expect(!result.timedOut)
        #expect(try world.vault.snapshot() == before)
    }

    @Test(arguments: programs)
    func expiryWarningGoesToStandardErrorOnly(program: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        let warned = try Self.token(
            world, with: program, environment: ["AVN_EXPIRY_WARNING_DAYS": "40"])
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.stdout == token + "\n")
        #expect(warned.stderrLines.count == 1, "\(warned)")
        #expect(warned.stderr.hasPrefix("WARNING\t"), "\(warned)")
        #expect(warned.stderr.contains("the token of profile 'ada@example.com' expires at"))

        let quiet = try Self.token(
            world, with: program, environment: ["AVN_EXPIRY_WARNING_DAYS": "20"])
        quiet.expectQuietSuccess()
        #expect(quiet.stdout == token + "\n")
    }
}
