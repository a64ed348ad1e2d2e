/// Where a profile's token is kept.
public enum SecretStoreKind: String, Sendable, CaseIterable {
    /// The desktop keyring, through the Secret Service (libsecret).
    case keyring
    /// The Linux kernel's key retention service: no disk, no D-Bus, gone at reboot.
    case kernel
    /// A plain-text file readable only by the user; chosen explicitly, never by default.
    case file
}

/// What identifies a token in a store. Nothing here is secret: keyrings keep
/// these as searchable attributes that stay readable while they are locked.
public struct SecretKey: Sendable, Equatable {
    /// The profile's stable id; the key every store looks tokens up by.
    public var profileID: String
    /// The profile's human name, used in the keyring item's label only.
    public var profileName: String
    public var email: String
    /// The API host, such as `api.aiven.io` or `127.0.0.1:8080`.
    public var apiHost: String

    public init(profileID: String, profileName: String, email: String, apiHost: String) {
        self.profileID = profileID
        self.profileName = profileName
        self.email = email
        self.apiHost = apiHost
    }
}

/// Keeps tokens, one per profile id.
///
/// Every call either completes or throws, and a throw leaves the store as it
/// was: no half-written item.
public protocol SecretStore: Sendable {
    var kind: SecretStoreKind { get }

    /// Stores `token` for `key.profileID`, replacing any token it had.
    func store(_ token: String, for key: SecretKey) throws(SecretStoreError)

    /// The token stored for `profileID`, or `nil` when there is none.
    func lookup(profileID: String) throws(SecretStoreError) -> String?

    /// Deletes the token of `profileID`. Returns whether there was one.
    @discardableResult
    func delete(profileID: String) throws(SecretStoreError) -> Bool

    /// The profile ids that have a token in this store, ours only.
    func profileIDs() throws(SecretStoreError) -> Set<String>
}

/// Why a secret store could not be used. Never carries a token.
public struct SecretStoreError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// `DBUS_SESSION_BUS_ADDRESS` is unset or the bus cannot be reached.
        case noSessionBus
        /// There is a session bus but nothing provides `org.freedesktop.secrets`.
        case noSecretService
        /// The collection is locked and no unlock prompt can be shown here.
        case locked
        /// An unlock prompt was shown and dismissed.
        case promptDismissed
        /// The store did not answer within the time limit.
        case timedOut(seconds: Double)
        /// The file store's file or folder is unusable.
        case fileProblem(String)
        /// Anything else the store reported, as one line.
        case failed(String)
    }

    public var store: SecretStoreKind
    public var reason: Reason

    public init(store: SecretStoreKind, reason: Reason) {
        self.store = store
        self.reason = reason
    }

    public var description: String {
        "\(problem); \(remedy)"
    }

    /// What went wrong.
    private var problem: String {
        switch reason {
        case .noSessionBus: "no D-Bus session bus, so the keyring cannot be reached"
        case .noSecretService: "no keyring service (org.freedesktop.secrets) on the session bus"
        case .locked: "the keyring is locked and no unlock prompt can be shown here"
        case .promptDismissed: "the keyring unlock prompt was dismissed"
        case .timedOut(let seconds):
            "the \(store.rawValue) store did not answer within \(Self.format(seconds)) seconds"
        case .fileProblem(let detail): "the token file store cannot be used: \(detail)"
        case .failed(let detail): "the \(store.rawValue) store failed: \(detail)"
        }
    }

    /// What to do about it, naming the other stores: avn never falls back on its own.
    private var remedy: String {
        let others = SecretStoreKind.allCases.filter { $0 != store }.map(\.rawValue)
        let alternatives =
            "or keep tokens in another store (\(others.joined(separator: " or ")); "
            + "--secret-store, 'avn config set secret-store', 'avn user migrate-secrets')"
        return switch reason {
        case .noSessionBus:
            "log in to a desktop session or start a bus with 'dbus-run-session', \(alternatives)"
        case .noSecretService:
            "install and start gnome-keyring or another Secret Service provider, \(alternatives)"
        case .locked:
            "unlock it (for example from your desktop session) and try again, \(alternatives)"
        case .promptDismissed: "try again and unlock it, \(alternatives)"
        case .timedOut:
            "check that it is running and responsive (AVN_KEYRING_TIMEOUT sets the limit), "
                + alternatives
        case .fileProblem, .failed: "fix it and try again, \(alternatives)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        Int(exactly: seconds).map(String.init) ?? String(seconds)
    }
}
