/// Login, sign-up and the current user.
extension AivenClient {
    /// `POST /v1/userauth`. A 510 answer means an OTP is needed (`isOTPRequired`).
    public func login(email: String, password: String, otp: String? = nil, tenant: String? = nil)
        throws(APIClientError) -> SessionGrant
    {
        var body: [(key: String, value: JSONValue)] = [
            ("email", .string(email)), ("password", .string(password)),
        ]
        if let otp { body.append(("otp", .string(otp))) }
        if let tenant { body.append(("tenant", .string(tenant))) }
        let answer = try call(
            .post, "/v1/userauth", body: .object(body), authenticated: false,
            secrets: [password, otp].compactMap { $0 })
        return try grant(from: answer, path: "/v1/userauth", email: email)
    }

    /// `POST /v1/user`: creates an account and logs it in; never sends a token.
    public func createUser(email: String, password: String?, realName: String)
        throws(APIClientError) -> SessionGrant
    {
        var body: [(key: String, value: JSONValue)] = [
            ("email", .string(email)), ("real_name", .string(realName)),
        ]
        if let password { body.append(("password", .string(password))) }
        let answer = try call(
            .post, "/v1/user", body: .object(body), authenticated: false,
            secrets: [password].compactMap { $0 })
        return try grant(from: answer, path: "/v1/user", email: email)
    }

    /// `GET /v1/me`: the user object, exactly as the server sent it.
    public func me() throws(APIClientError) -> JSONValue {
        let answer = try call(.get, "/v1/me")
        guard let user = answer["user"], case .object = user else {
            throw .invalidResponse(detail: "the server's answer to GET /v1/me has no user object")
        }
        return user
    }

    /// `POST /v1/me/expire_tokens`: the server's message, when it sends one.
    public func expireTokens() throws(APIClientError) -> String? {
        try call(.post, "/v1/me/expire_tokens")["message"]?.stringValue
    }

    /// `PUT /v1/me/password`: the new session token, when the server sends one.
    public func changePassword(current: String, new: String) throws(APIClientError) -> String? {
        let body = JSONValue.dictionary([
            "password": .string(current), "new_password": .string(new),
        ])
        let answer = try call(.put, "/v1/me/password", body: body, secrets: [current, new])
        return answer["token"]?.stringValue
    }

    /// `GET /v1/project`: the project objects, as the server sent them.
    public func projects() throws(APIClientError) -> [JSONValue] {
        let answer = try call(.get, "/v1/project")
        guard let projects = answer["projects"]?.arrayValue else {
            throw .invalidResponse(
                detail: "the server's answer to GET /v1/project has no projects list")
        }
        return projects
    }

    private func grant(from answer: JSONValue, path: String, email: String)
        throws(APIClientError) -> SessionGrant
    {
        guard let token = answer["token"]?.stringValue, !token.isEmpty else {
            throw .invalidResponse(detail: "the server's answer to POST \(path) has no token")
        }
        return SessionGrant(
            token: token, userEmail: answer["user_email"]?.stringValue ?? email,
            state: answer["state"]?.stringValue)
    }
}
