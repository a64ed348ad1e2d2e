import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

/// An `EndToEnd` world that also looks into the kernel and file stores, and
/// removes this vault's keyring items and kernel keys when it ends.
final class StoreWorld {
    let base: EndToEnd
    let stores: StoreInspector

    init() throws {
        base = try EndToEnd()
        stores = StoreInspector(vaultPath: base.runner.vaultPath)
    }

    deinit {
        stores.removeEverything()
    }

    var fake: FakeAPIProcess { base.fake }
    var vault: VaultInspector { base.vault }

    @discardableResult
    func avn(
        _ arguments: String..., stdin: String? = nil, environment: [String: String] = [:],
        mayShowTokens: Bool = false
    ) throws -> AvnResult {
        let result = try base.runner.run(arguments, stdin: stdin, environment: environment)
        base.record(result, mayShowTokens: mayShowTokens)
        return result
    }

    /// Runs avn with no D-Bus session bus, so the keyring cannot be reached.
    @discardableResult
    func avnWithoutBus(
        _ arguments: String..., stdin: String? = nil, environment: [String: String] = [:],
        mayShowTokens: Bool = false
    ) throws -> AvnResult {
        let result = try base.runner.run(
            arguments, stdin: stdin, environment: environment,
            removing: ["DBUS_SESSION_BUS_ADDRESS"])
        base.record(result, mayShowTokens: mayShowTokens)
        return result
    }

    /// Logs in to a seed account, keeping the token in `kind`'s store.
    @discardableResult
    func login(
        _ account: Seed.Account, store kind: SecretStoreKind, _ extra: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Profile {
        var input = account.password + "\n"
        if let otp = account.otp { input += otp + "\n" }
        let profileName = extra.firstIndex(of: "--profile").map { extra[$0 + 1] } ?? account.email
        let result = try base.runner.run(
            ["user", "login", account.email, "--secret-store", kind.rawValue] + extra,
            stdin: input)
        base.record(result)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return try base.profile(profileName, sourceLocation: sourceLocation)
    }

    /// What `avn user token` prints for a profile, without its newline.
    func tokenOutput(
        profile name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try avn("user", "token", "--profile", name, mayShowTokens: true)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return String(result.stdout.dropLast())
    }

    /// Checks the profile's token is in exactly `kind`'s store, is `token` when
    /// given, and is the one the server issued to it.
    @discardableResult
    func expectToken(
        ofProfile name: String, onlyIn kind: SecretStoreKind, equalTo token: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let profile = try base.profile(name, sourceLocation: sourceLocation)
        #expect(profile.secretStore == kind, sourceLocation: sourceLocation)
        #expect(
            try stores.stores(holding: profile.id) == [kind], "\(name)",
            sourceLocation: sourceLocation)
        let kept = try #require(
            try stores.token(in: kind, profileID: profile.id), sourceLocation: sourceLocation)
        if let token { #expect(kept == token, sourceLocation: sourceLocation) }
        #expect(profile.tokenPrefix == String(kept.prefix(12)), sourceLocation: sourceLocation)
        #expect(try base.serverAccepts(kept), sourceLocation: sourceLocation)
        return kept
    }

    /// The STORE and STATE columns of `avn user profiles` for one profile.
    func listedRow(
        _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try avn("user", "profiles")
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let line = result.stdout.split(separator: "\n").first {
            $0.split(separator: " ").contains { $0 == Substring(name) }
        }
        return try String(#require(line, "\(result)", sourceLocation: sourceLocation))
    }

    /// A fresh session token of a seed account, made directly with the server.
    func sessionToken(_ account: Seed.Account) throws -> String {
        let body: JSONValue = .dictionary([
            "email": .string(account.email), "password": .string(account.password),
        ])
        return try #require(try fake.admin(.post, "/v1/userauth", body: body)["token"]?.stringValue)
    }
}

/// The plain-text warning avn gives whenever a token goes to or comes from the file store.
let plainTextWarning = "WARNING\t" + TokenAccess.plainTextWarning
