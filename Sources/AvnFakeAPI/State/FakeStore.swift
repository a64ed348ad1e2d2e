/// Everything the stand-in holds: users, tokens, the clock. Only touched under `FakeState`'s lock.
struct FakeStore {
    /// Who made an authenticated request, and with which token.
    struct Session {
        let email: String
        let tokenIndex: Int
    }

    /// The parts of a request that authentication reads and records.
    struct Credentials {
        let authorization: String?
        let peerAddress: String
        let userAgent: String?
    }

    /// Users keyed by lowercased email, plus their creation order.
    private(set) var users: [String: FakeUser] = [:]
    private(set) var userOrder: [String] = []
    var tokens: [FakeToken] = []
    var clock = FakeClock()
    var generator = TokenGenerator()

    init(seed: Seed) {
        for user in seed.users {
            _ = addUser(
                email: user.email, password: user.password, realName: user.realName,
                otp: user.otp, projects: user.projects, tenant: user.tenant)
        }
    }

    func user(email: String) -> FakeUser? {
        users[email.lowercased()]
    }

    mutating func update(_ user: FakeUser) {
        users[user.email.lowercased()] = user
    }

    /// Adds an account; the caller has checked that the email is free.
    mutating func addUser(
        email: String, password: String, realName: String, otp: String?,
        projects: [String], tenant: String?
    ) -> FakeUser {
        let number = userOrder.count + 1
        let user = FakeUser(
            userID: "u" + String(number, radix: 16) + "a1b2c3d4e5f", email: email,
            password: password, realName: realName, otp: otp, projects: projects,
            tenant: tenant ?? "aiven", createTime: clock.now(), tokenValidityBegin: nil)
        users[email.lowercased()] = user
        userOrder.append(email.lowercased())
        return user
    }

    /// Issues a token for the user and returns its index in `tokens`.
    mutating func issueToken(
        for email: String, kind: FakeToken.Kind, maxAgeSeconds: Int?, extendWhenUsed: Bool,
        description: String?
    ) -> Int {
        let token = FakeToken(
            full: generator.next(), userEmail: email, kind: kind, createTime: clock.now(),
            maxAgeSeconds: maxAgeSeconds, extendWhenUsed: extendWhenUsed,
            description: description)
        tokens.append(token)
        return tokens.count - 1
    }

    /// Issues a login token: 30 days, extended on every use.
    mutating func issueSessionToken(for email: String) -> String {
        let index = issueToken(
            for: email, kind: .session, maxAgeSeconds: FakeToken.sessionMaxAge,
            extendWhenUsed: true, description: nil)
        return tokens[index].full
    }

    /// Whether the token neither was revoked nor has expired.
    func isValid(_ token: FakeToken, now: Int64) -> Bool {
        let begin = user(email: token.userEmail)?.tokenValidityBegin
        return !token.revoked && !token.isExpired(now: now, validityBegin: begin)
    }
}
