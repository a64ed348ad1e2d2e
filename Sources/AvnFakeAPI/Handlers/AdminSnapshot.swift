/// The body of `GET /_fake/state`: every user and every token the stand-in holds.
enum AdminSnapshot {
    static func json(_ store: inout FakeStore) -> FakeJSON {
        let now = store.clock.now()
        let users = store.userOrder.compactMap { store.user(email: $0) }.map { user in
            FakeJSON.object([
                ("email", .string(user.email)),
                ("real_name", .string(user.realName)),
                ("tenant", .string(user.tenant)),
                ("projects", .array(user.projects.map(FakeJSON.string))),
                ("otp_enabled", .bool(user.otp != nil)),
                ("token_validity_begin", .optional(user.tokenValidityBegin.map(TimeFormat.offset))),
            ])
        }
        let tokens = store.tokens.map { token in
            let begin = store.user(email: token.userEmail)?.tokenValidityBegin
            return FakeJSON.object([
                ("user", .string(token.userEmail)),
                ("token_prefix", .string(token.prefix)),
                ("token", .string(token.full)),
                ("kind", .string(token.kind.rawValue)),
                ("revoked", .bool(token.revoked)),
                ("expired", .bool(token.isExpired(now: now, validityBegin: begin))),
                ("create_time", .string(TimeFormat.utc(token.createTime))),
                ("description", .optional(token.description)),
                ("max_age_seconds", .optional(token.maxAgeSeconds)),
                ("extend_when_used", .bool(token.extendWhenUsed)),
                ("expiry_time", .optional(token.expiryTime.map(TimeFormat.utc))),
                ("last_used_time", .optional(token.lastUsedTime.map(TimeFormat.utc))),
                ("last_ip", .optional(token.lastIP)),
                ("last_user_agent", .optional(token.lastUserAgent)),
            ])
        }
        return .object([
            ("now", .string(TimeFormat.utc(now))),
            ("users", .array(users)),
            ("tokens", .array(tokens)),
        ])
    }
}
