import FoundationEssentials

extension SecretStoreKind {
    /// The store of this kind for the vault at `vaultPath` whose id is `vaultID`.
    ///
    /// The keyring's calls are bounded by `AVN_KEYRING_TIMEOUT` seconds
    /// (default 3); the file store keeps `tokens/tokens.json` beside the vault.
    public func makeStore(
        vaultPath: String, vaultID: String, environment: [String: String]
    ) -> any SecretStore {
        switch self {
        case .keyring:
            let timeout = environment["AVN_KEYRING_TIMEOUT"].flatMap(Double.init) ?? 3
            return LibsecretStore(timeout: timeout > 0 ? timeout : 3, vaultID: vaultID)
        case .kernel:
            return KernelKeyringStore(vaultID: vaultID)
        case .file:
            let folder = URL(fileURLWithPath: vaultPath).deletingLastPathComponent()
            return FileSecretStore(directory: folder.appendingPathComponent("tokens"))
        }
    }
}
