import AvnAPI
import AvnVault
import FoundationEssentials

/// How profiles are described to people and in JSON. Never includes a token.
enum ProfileFacts {
    /// The state users see; adds "unverified" and a past expiry to the stored state.
    static func state(of profile: Profile, now: Date = Date()) -> String {
        if profile.state == .active {
            if let expiry = profile.expiresAt, expiry <= now { return "expired" }
            if profile.lastVerifiedAt == nil { return "unverified" }
        }
        return profile.state.displayName
    }

    static func storeLabel(_ kind: SecretStoreKind) -> String {
        kind == .file ? "file (plain text)" : kind.rawValue
    }

    static func timestamp(_ date: Date?) -> String? {
        date?.formatted(.iso8601)
    }

    static func json(_ profile: Profile, current: Bool) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .dictionary([
            "name": .string(profile.name),
            "email": .string(profile.email),
            "api_url": .string(profile.apiURL),
            "tenant": text(profile.tenant),
            "current": .bool(current),
            "state": .string(state(of: profile)),
            "login_method": .string(profile.loginMethod.rawValue),
            "token_prefix": text(profile.tokenPrefix),
            "expiry_time": text(timestamp(profile.expiresAt)),
            "last_used_time": text(timestamp(profile.lastUsedAt)),
            "last_verified_time": text(timestamp(profile.lastVerifiedAt)),
            "create_time": text(timestamp(profile.createdAt)),
            "secret_store": .string(profile.secretStore.rawValue),
        ])
    }
}
