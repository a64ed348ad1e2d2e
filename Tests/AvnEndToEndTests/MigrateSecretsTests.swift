import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user migrate-secrets")
struct MigrateSecretsTests {
    static let orderedPairs: [(SecretStoreKind, SecretStoreKind)] = SecretStoreKind.allCases
        .flatMap { from in
            SecretStoreKind.allCases.filter { $0 != from }.map { (from, $0) }
        }

    @Test func everyOrderedPairIsCovered() {
        #expect(Self.orderedPairs.count == 6)
    }

    @Test(arguments: orderedPairs)
    func moveLeavesTheTokenInExactlyTheTargetStore(
        from source: SecretStoreKind, to target: SecretStoreKind
    ) throws {
        let world = try StoreWorld()
        let before = try world.login(Seed.ada, store: source)
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: source)

        let result = try world.avn("user", "migrate-secrets", "--to", target.rawValue)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains(
                "INFO\tmoved the token of profile 'ada@example.com' from the \(source.rawValue) "
                    + "store to the \(target.rawValue) store"), "\(result)")
        #expect(result.stderr.contains(plainTextWarning) == (target == .file), "\(result)")

        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: target, equalTo: token)
        let after = try world.base.profile(Seed.ada.email)
        #expect(after.id == before.id)
        #expect(after.state == .active)
        #expect(after.tokenPrefix == before.tokenPrefix)
        #expect(try world.tokenOutput(profile: Seed.ada.email) == token)
        let row = try world.listedRow(Seed.ada.email)
        #expect(row.hasSuffix("  " + (SecretStoreTests.storeLabels[target] ?? "?")), "\(row)")
    }

    @Test func allMovesEveryProfileAndLeavesOthersAlone() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring)
        try world.login(Seed.grace, store: .file)
        try world.login(Seed.linus, store: .kernel, "--tenant", "gcp")
        var tokens: [String: String] = [:]
        for (name, kind) in [
            (Seed.ada.email, SecretStoreKind.keyring), (Seed.grace.email, .file),
            (Seed.linus.email, .kernel),
        ] {
            tokens[name] = try world.expectToken(ofProfile: name, onlyIn: kind)
        }

        let result = try world.avn("user", "migrate-secrets", "--all", "--to", "kernel")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.components(separatedBy: "INFO\tmoved the token").count == 3)
        for (name, token) in tokens {
            try world.expectToken(ofProfile: name, onlyIn: .kernel, equalTo: token)
            #expect(try world.tokenOutput(profile: name) == token)
        }
        #expect(!FileManager.default.fileExists(atPath: world.stores.tokenFilePath))
    }

    @Test func namedProfileMovesAlone() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring, "--profile", "work")
        try world.login(Seed.grace, store: .keyring, "--profile", "home")
        let result = try world.avn("user", "migrate-secrets", "work", "--to", "kernel")
        #expect(result.status == 0, "\(result)")
        try world.expectToken(ofProfile: "work", onlyIn: .kernel)
        try world.expectToken(ofProfile: "home", onlyIn: .keyring)
        #expect(try world.vault.currentProfileName() == "home")
    }

    @Test func failedMoveLeavesTheTokenWhereItWas() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .kernel)
        let before = try world.base.profile(Seed.ada.email)
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)

        let result = try world.avnWithoutBus("user", "migrate-secrets", "--to", "keyring")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains(
                "ERROR\tprofile 'ada@example.com' stays in the kernel store: "
                    + "no D-Bus session bus"), "\(result)")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel, equalTo: token)
        #expect(try world.base.profile(Seed.ada.email) == before)
        #expect(try world.tokenOutput(profile: Seed.ada.email) == token)
    }

    @Test func failedMoveOfOneProfileStillMovesTheOthers() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .kernel)
        try world.login(Seed.grace, store: .file)
        let ada = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)
        let grace = try world.expectToken(ofProfile: Seed.grace.email, onlyIn: .file)
        // A token file others may read is refused, so nothing can move out of it.
        chmod(world.stores.tokenFilePath, 0o644)

        let result = try world.avn("user", "migrate-secrets", "--all", "--to", "keyring")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains(
                "ERROR\tprofile 'grace@example.com' stays in the file store"), "\(result)")
        chmod(world.stores.tokenFilePath, 0o600)
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring, equalTo: ada)
        try world.expectToken(ofProfile: Seed.grace.email, onlyIn: .file, equalTo: grace)
    }

    @Test func profileWithoutTokenRecordsTheStoreForItsNextLogin() throws {
        let world = try StoreWorld()
        let profile = try world.login(Seed.ada, store: .kernel)
        try world.stores.invalidateKernelKey(profileID: profile.id)
        let result = try world.avn("user", "migrate-secrets", "--to", "file")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stderr.contains(
                "profile 'ada@example.com' has no token; it will use the file store at its next "
                    + "login"), "\(result)")
        #expect(try world.base.profile(Seed.ada.email).secretStore == .file)
        #expect(try world.stores.stores(holding: profile.id).isEmpty)
    }

    @Test(arguments: [
        (["user", "migrate-secrets"], "the option --to is required"),
        (["user", "migrate-secrets", "--to", "vault"], "unknown secret store 'vault'"),
    ])
    func missingOrUnknownTargetIsAUsageError(arguments: [String], message: String) throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring)
        let result = try world.base.runner.run(arguments)
        world.base.record(result)
        result.expectUsageError(containing: message)
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring)
    }

    @Test func unknownProfileFails() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring)
        let result = try world.avn("user", "migrate-secrets", "nobody", "--to", "kernel")
        result.expectFailure(containing: "nobody")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring)
    }
}
