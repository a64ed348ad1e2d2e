import AvnVault
import Foundation

/// A secret store held in memory, for unit tests of the logic above stores.
public final class InMemorySecretStore: SecretStore, @unchecked Sendable {
    public let kind: SecretStoreKind
    private let lock = NSLock()
    private var tokens: [String: (key: SecretKey, token: String)] = [:]
    private var storedFailure: SecretStoreError?

    public init(kind: SecretStoreKind = .keyring) {
        self.kind = kind
    }

    /// When set, every call fails with this error, to test error paths.
    public var failure: SecretStoreError? {
        get { lock.withLock { storedFailure } }
        set { lock.withLock { storedFailure = newValue } }
    }

    /// The key a token was stored under, to check labels and attributes.
    public func key(for profileID: String) -> SecretKey? {
        lock.withLock { tokens[profileID]?.key }
    }

    public func store(_ token: String, for key: SecretKey) throws(SecretStoreError) {
        lock.lock()
        defer { lock.unlock() }
        if let storedFailure { throw storedFailure }
        tokens[key.profileID] = (key, token)
    }

    public func lookup(profileID: String) throws(SecretStoreError) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let storedFailure { throw storedFailure }
        return tokens[profileID]?.token
    }

    @discardableResult
    public func delete(profileID: String) throws(SecretStoreError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let storedFailure { throw storedFailure }
        return tokens.removeValue(forKey: profileID) != nil
    }

    public func profileIDs() throws(SecretStoreError) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        if let storedFailure { throw storedFailure }
        return Set(tokens.keys)
    }
}
