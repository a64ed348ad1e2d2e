import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

/// Kills a debug build of avn with SIGKILL at each fault point, then repairs
/// with `avn user doctor --fix` and checks the vault, its stores and the
/// server agree.
@Suite("Crash consistency")
struct CrashConsistencyTests {
    @Test func everyFaultPointIsKilledByAtLeastOneCase() {
        let covered = Set(CrashCase.all.map(\.point))
        let missing = FaultPoint.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no crash case for \(missing.map(\.rawValue))")
        #expect(Set(FaultPoint.allCases.map(\.rawValue)).count == FaultPoint.allCases.count)
    }

    @Test(arguments: CrashCase.all)
    func killedCommandLeavesAConsistentVault(_ crash: CrashCase) throws {
        let world = try StoreWorld()
        let before = try Self.setUp(crash.scenario, in: world)

        let (arguments, stdin) = try Self.command(crash.scenario, in: world)
        let killed = try world.base.runner.run(
            arguments, stdin: stdin, environment: ["AVN_FAULT_POINT": crash.point.rawValue])
        world.base.record(killed)
        #expect(
            killed.signaled && killed.status == SIGKILL && !killed.timedOut,
            "the point was not reached: \(killed)")

        for recovery in Self.recovery(crash) {
            world.base.record(try world.base.runner.run(recovery))
        }
        let (fixed, findings) = try DoctorTests.doctor(world, "--fix")
        #expect(fixed.status == 0, "\(fixed)")
        #expect(!findings.contains { $0.status == "problem" }, "\(findings)")
        let (again, recheck) = try DoctorTests.doctor(world)
        #expect(again.status == 0, "\(again)")
        #expect(recheck.allSatisfy { $0.status == "ok" }, "\(recheck)")

        try expectConsistent(world)
        try expectCaseGuarantees(crash, world: world, before: before)
    }

    // MARK: - Scenarios

    /// Prepares the vault; returns the tokens by profile name before the command.
    private static func setUp(
        _ scenario: CrashScenario, in world: StoreWorld
    ) throws -> [String: String] {
        switch scenario {
        case .freshLogin, .importFile:
            try world.login(Seed.grace, store: .keyring)
        case .relogin, .reloginToKernel, .switchProfile, .rename, .logout, .remove:
            try world.login(Seed.grace, store: .keyring)
            try world.login(Seed.ada, store: .keyring)
        case .loginWithOrphans:
            try world.login(Seed.grace, store: .keyring)
            for _ in 0..<2 {
                try world.stores.plantToken(
                    "planted-orphan-token", in: .keyring,
                    profileID: UUID().uuidString.lowercased(), email: "nobody@example.com")
            }
        case .tokensExpire:
            try world.login(Seed.grace, store: .keyring)
            try world.login(Seed.ada, store: .keyring, "--profile", "work")
            try world.login(Seed.ada, store: .kernel, "--profile", "home")
        case .migrate:
            try world.login(Seed.grace, store: .keyring)
            try world.login(Seed.ada, store: .keyring, "--profile", "work")
        }
        var tokens: [String: String] = [:]
        for profile in try world.vault.profiles() {
            tokens[profile.name] = try world.stores.token(
                in: profile.secretStore, profileID: profile.id)
        }
        return tokens
    }

    private static func command(
        _ scenario: CrashScenario, in world: StoreWorld
    ) throws -> (arguments: [String], stdin: String?) {
        let ada = Seed.ada.email
        let password = Seed.ada.password + "\n"
        switch scenario {
        case .freshLogin, .relogin, .loginWithOrphans:
            return (["user", "login", ada, "--secret-store", "keyring"], password)
        case .reloginToKernel:
            return (["user", "login", ada, "--secret-store", "kernel"], password)
        case .logout: return (["user", "logout"], nil)
        case .remove: return (["user", "remove", ada], nil)
        case .tokensExpire: return (["--profile", "work", "user", "tokens-expire"], nil)
        case .switchProfile: return (["user", "switch", Seed.grace.email], nil)
        case .rename: return (["user", "rename", ada, "renamed"], nil)
        case .migrate: return (["user", "migrate-secrets", "--to", "kernel", "--all"], nil)
        case .importFile:
            let token = try world.sessionToken(Seed.ada)
            let file = try world.base.folder.write(
                JSONValue.dictionary(["auth_token": .string(token), "user_email": .string(ada)])
                    .compactText,
                to: "aiven-credentials.json")
            return (["user", "import", file, "--delete-source"], nil)
        }
    }

    /// Commands run after the kill and before the repair. A token the server
    /// revoked or expired before the kill is still kept as active until a
    /// command learns it: the design's recovery is to retry or to use it.
    private static func recovery(_ crash: CrashCase) -> [[String]] {
        switch (crash.scenario, crash.point) {
        case (.logout, .forgetAfterRevoke): [["user", "logout"]]
        case (.remove, .forgetAfterRevoke): [["user", "remove", Seed.ada.email]]
        case (.tokensExpire, .tokensExpireAfterServerExpire):
            [["--profile", "work", "user", "info"], ["--profile", "home", "user", "info"]]
        default: []
        }
    }

    // MARK: - Checks

    /// Every active profile keeps exactly one token, in its own store, that
    /// the row records and the server accepts; every other profile keeps none;
    /// no store holds a token of this vault that no profile keeps there.
    private func expectConsistent(
        _ world: StoreWorld, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let profiles = try world.vault.profiles()
        for profile in profiles {
            let holders = try world.stores.stores(holding: profile.id)
            guard profile.state == .active else {
                #expect(holders.isEmpty, "\(profile.name) is \(profile.state) but keeps a token")
                continue
            }
            #expect(holders == [profile.secretStore], "\(profile.name): \(holders)")
            let token = try #require(
                try world.stores.token(in: profile.secretStore, profileID: profile.id))
            #expect(profile.tokenPrefix == Profile.prefix(of: token), "\(profile.name)")
            #expect(try world.base.serverAccepts(token), "\(profile.name)'s token is refused")
            let info = try world.avn("--profile", profile.name, "user", "info")
            #expect(info.status == 0, "\(info)")
        }
        for kind in SecretStoreKind.allCases {
            let kept = Set(
                profiles.filter { $0.secretStore == kind && $0.state == .active }
                    .map(\.id))
            #expect(try world.stores.profileIDs(in: kind) == kept, "orphans in \(kind)")
        }
        let current = try world.vault.currentProfileName()
        #expect(current == nil || profiles.contains { $0.name == current })
    }

    private func expectCaseGuarantees(
        _ crash: CrashCase, world: StoreWorld, before: [String: String]
    ) throws {
        let oldAda = before[Seed.ada.email]
        if crash.oldSessionStillValid, let oldAda {
            #expect(try world.base.serverAccepts(oldAda), "the replaced session was revoked early")
        }
        if crash.oldTokenStillKept, let oldAda {
            let profile = try world.base.profile(Seed.ada.email)
            #expect(try world.stores.token(in: .keyring, profileID: profile.id) == oldAda)
        }
        switch crash.scenario {
        case .relogin, .reloginToKernel, .freshLogin, .loginWithOrphans:
            // Killed before or after the commit, the account still has a
            // profile whose token works, or (a first login) none at all.
            let ada = try world.vault.profile(named: Seed.ada.email)
            let firstLogin = [.freshLogin, .loginWithOrphans].contains(crash.scenario)
            #expect(ada != nil || firstLogin)
            #expect(try world.vault.profile(named: Seed.grace.email)?.state == .active)
        case .switchProfile:
            let current = try world.vault.currentProfileName()
            #expect(current == Seed.grace.email || current == Seed.ada.email)
        case .rename:
            let names = try world.vault.profiles().map(\.name)
            #expect(names.contains(Seed.ada.email) != names.contains("renamed"), "\(names)")
        case .importFile:
            // The token is never lost: the source file is deleted only at the end.
            #expect(
                FileManager.default.fileExists(
                    atPath: world.base.folder.file("aiven-credentials.json")))
        case .migrate:
            // A moved token is the same token: nothing asks the server.
            for profile in try world.vault.profiles() {
                let kept = try world.stores.token(in: profile.secretStore, profileID: profile.id)
                #expect(kept == before[profile.name], "\(profile.name)")
            }
        case .logout, .remove:
            #expect(try world.vault.profile(named: Seed.ada.email) == nil)
            #expect(try world.vault.profile(named: Seed.grace.email)?.state == .active)
        case .tokensExpire:
            let work = try world.base.profile("work")
            let home = try world.base.profile("home")
            #expect(work.state == .expired && home.state == .expired, "\(work) \(home)")
        }
    }
}
