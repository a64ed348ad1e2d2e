import AvnAPI
import AvnVault

/// The real parts a command needs, given by `main` (or by a test).
public struct Dependencies: Sendable {
    /// Makes the HTTP transport for the given request timeout and CA file.
    public var makeTransport:
        @Sendable (_ timeoutSeconds: Int?, _ caFile: String?) throws
            -> any HTTPTransport
    /// Makes the secret store of a kind for the vault at `vaultPath` with id `vaultID`.
    public var makeSecretStore:
        @Sendable (
            _ kind: SecretStoreKind, _ vaultPath: String, _ vaultID: String,
            _ environment: [String: String]
        ) throws -> any SecretStore

    public init(
        makeTransport: @escaping @Sendable (Int?, String?) throws -> any HTTPTransport,
        makeSecretStore:
            @escaping @Sendable (SecretStoreKind, String, String, [String: String])
            throws -> any SecretStore
    ) {
        self.makeTransport = makeTransport
        self.makeSecretStore = makeSecretStore
    }
}
