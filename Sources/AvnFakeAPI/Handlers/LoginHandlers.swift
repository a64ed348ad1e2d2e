/// `POST /v1/userauth` and `POST /v1/user`: the endpoints that hand out session tokens.
struct LoginHandlers {
    let state: FakeState

    var routes: [Route] {
        [
            Route("POST", "/v1/userauth") { context throws(APIFailure) in
                try login(context)
            },
            Route("POST", "/v1/user") { context throws(APIFailure) in
                try createUser(context)
            },
        ]
    }

    private func login(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        let body = try context.body()
        let email = try Fields.requiredString(body, "email")
        let password = try Fields.requiredString(body, "password")
        let otp = Fields.nonEmptyString(body, "otp")
        let tenant = Fields.nonEmptyString(body, "tenant")
        return try state.access { store throws(APIFailure) in
            guard let user = store.user(email: email), user.password == password else {
                throw .authenticationFailed
            }
            if let tenant, tenant != user.tenant { throw .tenantMismatch }
            if let expected = user.otp {
                guard let otp else { throw .otpRequired }
                guard otp == expected else { throw .invalidOTP }
            }
            let token = store.issueSessionToken(for: user.email)
            return .object([
                ("state", .string("active")), ("token", .string(token)),
                ("user_email", .string(user.email)),
            ])
        }
    }

    private func createUser(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        let body = try context.body()
        let email = try Fields.requiredString(body, "email")
        let realName = try Fields.requiredString(body, "real_name")
        guard email.contains("@") else { throw .missingField("email") }
        guard let password = body["password"]?.stringValue, password.count >= 8 else {
            throw .passwordTooWeak
        }
        let tenant = Fields.nonEmptyString(body, "tenant")
        return try state.access { store throws(APIFailure) in
            guard store.user(email: email) == nil else { throw .userExists }
            let user = store.addUser(
                email: email, password: password, realName: realName, otp: nil,
                projects: [], tenant: tenant)
            let token = store.issueSessionToken(for: user.email)
            return .object([
                ("state", .string("active")), ("token", .string(token)),
                ("user_email", .string(user.email)),
                ("user", user.json(includingTenant: false)),
            ])
        }
    }
}
