/// One account held by the stand-in.
struct FakeUser {
    let userID: String
    let email: String
    var password: String
    var realName: String
    /// The fixed valid one-time code; nil when two-factor authentication is off.
    var otp: String?
    var projects: [String]
    var tenant: String
    let createTime: Int64
    /// Tokens issued before this moment are expired; nil until `expire_tokens`.
    var tokenValidityBegin: Int64?

    /// The user object of `GET /v1/me`; `POST /v1/user` leaves out `tenant`.
    func json(includingTenant: Bool = true) -> FakeJSON {
        var members: [(String, FakeJSON)] = [
            ("user", .string(email)),
            ("real_name", .string(realName)),
            ("state", .string("active")),
            ("user_id", .string(userID)),
            ("auth", .array([.string("password")])),
            ("projects", .array(projects.map(FakeJSON.string))),
            ("invitations", .array([])),
            ("project_membership", .object(projects.map { ($0, .string("admin")) })),
            (
                "project_memberships",
                .object(projects.map { ($0, .array([.string("admin")])) })
            ),
            ("token_validity_begin", .optional(tokenValidityBegin.map(TimeFormat.offset))),
            ("create_time", .string(TimeFormat.utc(createTime))),
            ("features", .object([])),
        ]
        if includingTenant { members.append(("tenant", .string(tenant))) }
        return .object(members)
    }
}
