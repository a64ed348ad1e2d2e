import AvnVault
import Foundation

/// Looks into all three secret stores of one vault from outside avn: the
/// keyring items, the kernel keys and the token file that carry its id.
public struct StoreInspector: Sendable {
    /// The vault file whose stores are inspected.
    public let vaultPath: String

    public init(vaultPath: String) {
        self.vaultPath = vaultPath
    }

    /// The vault's id, read from its `setting` table; the vault must exist.
    public func vaultID() throws -> String {
        guard FileManager.default.fileExists(atPath: vaultPath) else {
            throw TestSupportError("there is no vault at \(vaultPath) yet")
        }
        return try Vault(path: vaultPath, tightenFolder: false).identifier()
    }

    /// The store of `kind` as avn opens it for this vault.
    public func store(_ kind: SecretStoreKind) throws -> any SecretStore {
        let environment = ["AVN_KEYRING_TIMEOUT": "10"]
        return kind.makeStore(
            vaultPath: vaultPath, vaultID: try vaultID(), environment: environment)
    }

    /// The token `kind`'s store holds for a profile, if any.
    public func token(in kind: SecretStoreKind, profileID: String) throws -> String? {
        try store(kind).lookup(profileID: profileID)
    }

    /// The stores that hold a token for a profile, in `SecretStoreKind.allCases` order.
    public func stores(holding profileID: String) throws -> [SecretStoreKind] {
        try SecretStoreKind.allCases.filter { try token(in: $0, profileID: profileID) != nil }
    }

    /// The profile ids with a token in `kind`'s store that carry this vault's id.
    public func profileIDs(in kind: SecretStoreKind) throws -> Set<String> {
        try store(kind).profileIDs()
    }

    /// The token file of the file store, beside the vault.
    public var tokenFilePath: String {
        URL(fileURLWithPath: vaultPath).deletingLastPathComponent()
            .appendingPathComponent("tokens/tokens.json").path
    }

    /// The kernel key's description for a profile: `avn:VAULT:PROFILE`.
    public func kernelKeyDescription(profileID: String) throws -> String {
        "avn:\(try vaultID()):\(profileID)"
    }

    /// Invalidates a profile's kernel key with `keyctl`, as a restart would lose it.
    public func invalidateKernelKey(profileID: String) throws {
        let keyring = try Self.keyctl(["search", "@u", "keyring", "avn"])
        let serial = try Self.keyctl([
            "search", keyring, "user", try kernelKeyDescription(profileID: profileID),
        ])
        _ = try Self.keyctl(["invalidate", serial])
    }

    /// Stores a token under this vault's id for a profile id no row names.
    public func plantToken(
        _ token: String, in kind: SecretStoreKind, profileID: String, email: String
    ) throws {
        let key = SecretKey(
            profileID: profileID, profileName: "planted", email: email, apiHost: "127.0.0.1")
        try store(kind).store(token, for: key)
    }

    /// Deletes every keyring item and kernel key of this vault; best effort,
    /// so a test's leftovers never reach the shared stores of the next one.
    public func removeEverything() {
        guard let id = try? vaultID() else { return }
        let stores: [any SecretStore] = [
            LibsecretStore(timeout: 10, vaultID: id), KernelKeyringStore(vaultID: id),
        ]
        for store in stores {
            for profileID in (try? store.profileIDs()) ?? [] {
                _ = try? store.delete(profileID: profileID)
            }
        }
    }

    /// Runs `keyctl` and returns its trimmed output; throws when it fails.
    @discardableResult
    public static func keyctl(_ arguments: [String]) throws -> String {
        let result = try runTool("/usr/bin/keyctl", arguments)
        guard result.status == 0 else {
            throw TestSupportError("keyctl \(arguments.joined(separator: " ")) failed")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stores an item with `secret-tool`, as another program sharing the keyring would.
    public static func secretToolStore(
        _ secret: String, label: String, attributes: [(String, String)]
    ) throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/secret-tool")
        process.arguments = ["store", "--label", label] + attributes.flatMap { [$0.0, $0.1] }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(secret.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSupportError("secret-tool store failed")
        }
    }
}
