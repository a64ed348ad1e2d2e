/// One issued token, session or personal, with its use history.
struct FakeToken {
    enum Kind: String {
        case session
        case personal
    }

    let full: String
    let userEmail: String
    let kind: Kind
    let createTime: Int64
    let maxAgeSeconds: Int?
    let extendWhenUsed: Bool
    var description: String?
    var revoked = false
    /// Set by a password change: the token then answers like an expired one.
    var superseded = false
    var lastUsedTime: Int64?
    var lastIP: String?
    var lastUserAgent: String?

    /// Login tokens live 30 days from last use.
    static let sessionMaxAge = 2_592_000

    var prefix: String { String(full.prefix(TokenGenerator.prefixLength)) }

    /// When the token stops working; nil when it never expires.
    var expiryTime: Int64? {
        guard let maxAgeSeconds else { return nil }
        let base = extendWhenUsed ? (lastUsedTime ?? createTime) : createTime
        return base + Int64(maxAgeSeconds) * 1_000_000
    }

    /// Whether the token is past its lifetime or was cut off by the user.
    func isExpired(now: Int64, validityBegin: Int64?) -> Bool {
        if superseded { return true }
        if let validityBegin, createTime < validityBegin { return true }
        if let expiry = expiryTime, now >= expiry { return true }
        return false
    }

    /// The Token object of the access-token endpoints.
    func json(currentlyActive: Bool) -> FakeJSON {
        .object([
            ("token_prefix", .string(prefix)),
            ("create_time", .string(TimeFormat.utc(createTime))),
            ("created_manually", .bool(kind == .personal)),
            ("extend_when_used", .bool(extendWhenUsed)),
            ("max_age_seconds", .optional(maxAgeSeconds)),
            ("description", .optional(description)),
            ("expiry_time", .optional(expiryTime.map(TimeFormat.utc))),
            ("currently_active", .bool(currentlyActive)),
            ("last_used_time", .optional(lastUsedTime.map(TimeFormat.utc))),
            ("last_ip", .optional(lastIP)),
            ("last_user_agent", .optional(lastUserAgent)),
            ("last_user_agent_human_readable", .optional(humanReadableAgent)),
        ])
    }

    /// `aiven-client/4.18.0 extra` reads as `aiven-client 4.18.0`.
    private var humanReadableAgent: String? {
        guard let first = lastUserAgent?.split(separator: " ").first else { return nil }
        return String(first.map { $0 == "/" ? " " : $0 })
    }
}
