import AvnVault
import Foundation

/// Reads a vault file and the keyring from outside avn, as a user would find them.
public struct VaultInspector: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Whether avn created the vault file.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Every profile, ordered by name; none when the file does not exist
    /// (it is not created by looking).
    public func profiles() throws -> [Profile] {
        guard exists else { return [] }
        return try Vault(path: path, tightenFolder: false).profiles()
    }

    public func profile(named name: String) throws -> Profile? {
        try profiles().first { $0.name == name }
    }

    /// The name of the profile in use, if any.
    public func currentProfileName() throws -> String? {
        guard exists else { return nil }
        return try Vault(path: path, tightenFolder: false).read { try $0.currentProfile() }?.name
    }

    /// The token the keyring holds for a profile.
    public func keyringToken(profileID: String) throws -> String? {
        try LibsecretStore(timeout: 10).lookup(profileID: profileID)
    }

    /// How many keyring items avn keeps for a profile, as `secret-tool` sees them.
    public func keyringItemCount(profileID: String) throws -> Int {
        let output = try Self.secretTool([
            "search", "--all", "xdg:schema", "io.aiven.avn.Token", "profile", profileID,
        ])
        return output.split(separator: "\n").filter { $0.hasPrefix("[") }.count
    }

    /// Removes the keyring items of these profiles, to leave the shared keyring clean.
    public func deleteKeyringItems(profileIDs: some Sequence<String>) {
        let store = LibsecretStore(timeout: 10)
        for id in profileIDs {
            _ = try? store.delete(profileID: id)
        }
    }

    /// What a state check compares: the profiles and the tokens of their items.
    public func snapshot() throws -> VaultSnapshot {
        let profiles = try profiles()
        var tokens: [String: String] = [:]
        for profile in profiles where profile.secretStore == .keyring {
            tokens[profile.id] = try keyringToken(profileID: profile.id)
        }
        return VaultSnapshot(
            profiles: profiles, current: try currentProfileName(), tokens: tokens)
    }

    private static func secretTool(_ arguments: [String]) throws -> String {
        try runTool("/usr/bin/secret-tool", arguments).output
    }
}

/// The vault's profiles, the one in use, and the keyring tokens by profile id.
public struct VaultSnapshot: Sendable, Equatable {
    public let profiles: [Profile]
    public let current: String?
    public let tokens: [String: String]
}
