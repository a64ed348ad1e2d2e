import FoundationEssentials

/// Keeps tokens in the desktop keyring through the Secret Service (libsecret).
///
/// Items use the `io.aiven.avn.Token` schema with the non-secret attributes
/// `profile`, `email`, `api` and `vault` (the id of the vault that owns the
/// item, so one vault never mistakes another's tokens for its orphans), and
/// live in the default collection. Every
/// call is bounded by `timeout` seconds and never shows an unlock prompt: a
/// locked keyring is reported as `.locked`.
public struct LibsecretStore: SecretStore {
    public var kind: SecretStoreKind { .keyring }
    /// The longest any call may take, in seconds.
    public let timeout: Double
    /// The owning vault's id: stored on new items, and the scope of `profileIDs()`.
    public let vaultID: String?
    /// Runs on the worker thread before any keyring work; lets tests stall a call.
    private let beforeWork: (@Sendable (Cancellation) -> Void)?

    public init(timeout: Double = 3, vaultID: String? = nil) {
        self.init(timeout: timeout, vaultID: vaultID, beforeWork: nil)
    }

    init(
        timeout: Double, vaultID: String? = nil, beforeWork: (@Sendable (Cancellation) -> Void)?
    ) {
        self.timeout = timeout
        self.vaultID = vaultID
        self.beforeWork = beforeWork
    }

    public func store(_ token: String, for key: SecretKey) throws(SecretStoreError) {
        let vaultID = vaultID
        try call(openSession: true) { session throws(SecretStoreError) in
            if try session.defaultCollectionIsLocked() {
                throw SecretStoreError(store: .keyring, reason: .locked)
            }
            try session.store(token, for: key, vaultID: vaultID)
            // An item for the same profile with another email or host is not
            // replaced by libsecret; remove it only now that the new one exists.
            let items = try session.items(profileID: key.profileID, loadSecrets: false)
            for item in items.all where !item.isLocked && !Self.matches(item, key) {
                try? session.delete(item)
            }
        }
    }

    public func lookup(profileID: String) throws(SecretStoreError) -> String? {
        let seconds = timeout
        return try bounded { cancellation throws(SecretStoreError) -> String? in
            // The common case, one unlocked item, is answered by the quick
            // reader. Several items, or an item deleted by another avn (a
            // logout, or a new login replacing it) between the search and the
            // read, take the slower way that compares the items' change times.
            let quick = Result { () throws(SecretStoreError) -> KeyringReader.Answer in
                try KeyringReader(cancellation: cancellation, seconds: seconds)
                    .lookup(profileID: profileID)
            }
            switch quick {
            case .success(.missing): return nil
            case .success(.found(let secret)): return secret
            case .success(.locked): throw SecretStoreError(store: .keyring, reason: .locked)
            case .success(.several), .failure: break
            }
            let session = try KeyringSession(
                openSession: true, cancellation: cancellation, seconds: seconds)
            return try Self.newestSecret(of: profileID, in: session)
        }
    }

    @discardableResult
    public func delete(profileID: String) throws(SecretStoreError) -> Bool {
        try call(openSession: false) { session throws(SecretStoreError) in
            let items = try session.items(profileID: profileID, loadSecrets: false)
            // Check every item first so a locked one leaves all of them in place.
            if items.all.contains(where: \.isLocked) {
                throw SecretStoreError(store: .keyring, reason: .locked)
            }
            for item in items.all {
                try session.delete(item)
            }
            return !items.all.isEmpty
        }
    }

    public func profileIDs() throws(SecretStoreError) -> Set<String> {
        let vaultID = vaultID
        return try call(openSession: false) { session throws(SecretStoreError) in
            let items = try session.items(profileID: nil, vaultID: vaultID, loadSecrets: false)
            return Set(items.all.compactMap { $0.attribute("profile") })
        }
    }

    /// The secret of the most recently changed unlocked item of `profileID`.
    private static func newestSecret(
        of profileID: String, in session: KeyringSession
    ) throws(SecretStoreError) -> String? {
        let items = try session.items(profileID: profileID, loadSecrets: true)
        guard !items.all.isEmpty else { return nil }
        let newest = items.all.filter { !$0.isLocked }.max { $0.modified < $1.modified }
        guard let newest else {
            throw SecretStoreError(store: .keyring, reason: .locked)
        }
        guard let secret = newest.secret else {
            throw SecretStoreError(
                store: .keyring,
                reason: .failed("the keyring returned no secret for profile \(profileID)"))
        }
        return secret
    }

    private static func matches(_ item: KeyringItem, _ key: SecretKey) -> Bool {
        item.attribute("email") == key.email && item.attribute("api") == key.apiHost
    }

    private func call<T: Sendable>(
        openSession: Bool,
        _ body: @escaping @Sendable (KeyringSession) throws(SecretStoreError) -> T
    ) throws(SecretStoreError) -> T {
        let seconds = timeout
        return try bounded { cancellation throws(SecretStoreError) in
            let session = try KeyringSession(
                openSession: openSession, cancellation: cancellation, seconds: seconds)
            return try body(session)
        }
    }

    /// Runs `body` on a worker thread, bounded by `timeout`.
    private func bounded<T: Sendable>(
        _ body: @escaping @Sendable (Cancellation) throws(SecretStoreError) -> T
    ) throws(SecretStoreError) -> T {
        let beforeWork = beforeWork
        return try BoundedRunner(seconds: timeout).run { cancellation throws(SecretStoreError) in
            beforeWork?(cancellation)
            return try body(cancellation)
        }
    }
}
