/// One account to create when the stand-in starts.
public struct SeedUser: Sendable, Equatable {
    public var email: String
    public var password: String
    public var realName: String
    /// The fixed valid one-time code; setting it turns two-factor authentication on.
    public var otp: String?
    public var projects: [String]
    /// The account's tenant; `aiven` when nil.
    public var tenant: String?

    public init(
        email: String, password: String, realName: String, otp: String? = nil,
        projects: [String] = [], tenant: String? = nil
    ) {
        self.email = email
        self.password = password
        self.realName = realName
        self.otp = otp
        self.projects = projects
        self.tenant = tenant
    }
}
