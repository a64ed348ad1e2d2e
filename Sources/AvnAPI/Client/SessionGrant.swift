/// What a login or a sign-up returns: a new session token for an account.
public struct SessionGrant: Sendable, Equatable {
    public var token: String
    public var userEmail: String
    /// The account state, such as `active`, when the server sends one.
    public var state: String?

    public init(token: String, userEmail: String, state: String? = nil) {
        self.token = token
        self.userEmail = userEmail
        self.state = state
    }
}
