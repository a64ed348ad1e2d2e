import FoundationEssentials

/// One Aiven account login kept in the vault. Holds no secret: the token is
/// in the profile's secret store, under the profile's `id`.
public struct Profile: Sendable, Equatable {
    /// Stable, random; never shown as a name and never reused.
    public var id: String
    /// Unique human name, chosen by the user or defaulting to the email.
    public var name: String
    public var email: String
    /// The API base URL without `/v1`, such as `https://api.aiven.io`.
    public var apiURL: String
    public var tenant: String?
    public var loginMethod: LoginMethod
    /// The first characters of the token (not secret; the API shows them too).
    public var tokenPrefix: String?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var lastVerifiedAt: Date?
    public var expiresAt: Date?
    public var state: ProfileState
    public var secretStore: SecretStoreKind

    public init(
        id: String = Profile.newID(),
        name: String,
        email: String,
        apiURL: String,
        tenant: String? = nil,
        loginMethod: LoginMethod,
        tokenPrefix: String? = nil,
        createdAt: Date = Date(),
        lastUsedAt: Date? = nil,
        lastVerifiedAt: Date? = nil,
        expiresAt: Date? = nil,
        state: ProfileState = .active,
        secretStore: SecretStoreKind = .keyring
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.apiURL = apiURL
        self.tenant = tenant
        self.loginMethod = loginMethod
        self.tokenPrefix = tokenPrefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.lastVerifiedAt = lastVerifiedAt
        self.expiresAt = expiresAt
        self.state = state
        self.secretStore = secretStore
    }

    /// A fresh random profile id.
    public static func newID() -> String {
        UUID().uuidString.lowercased()
    }

    /// Number of leading token characters kept as the prefix.
    public static let tokenPrefixLength = 12

    /// The non-secret prefix of `token`.
    public static func prefix(of token: String) -> String {
        String(token.prefix(tokenPrefixLength))
    }

    /// The API host (with port when not the default), as keyring items name it.
    public var apiHost: String {
        Profile.host(ofURL: apiURL)
    }

    /// The key its token is stored under.
    public var secretKey: SecretKey {
        SecretKey(profileID: id, profileName: name, email: email, apiHost: apiHost)
    }

    /// `host[:port]` of an URL, or the text itself when it is not one.
    public static func host(ofURL text: String) -> String {
        guard let components = URLComponents(string: text), let host = components.host else {
            return text
        }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

/// How a profile got its token.
public enum LoginMethod: String, Sendable, CaseIterable {
    /// `avn user login` with a password (and OTP).
    case password
    /// `avn user login --token` with a pre-created token.
    case token
    /// `avn user create`.
    case created
}

/// Whether a profile's token can be used.
public enum ProfileState: String, Sendable, CaseIterable {
    case active
    /// The server said the token expired, or `tokens-expire` ran.
    case expired
    /// The token was revoked.
    case revoked
    /// The token is missing from its store; log in again.
    case needsLogin = "needs_login"

    /// The words users see.
    public var displayName: String {
        switch self {
        case .active: "active"
        case .expired: "expired"
        case .revoked: "revoked"
        case .needsLogin: "needs login"
        }
    }
}
