/// The `/v1/me` endpoints and `GET /v1/project`.
struct MeHandlers {
    let state: FakeState

    var routes: [Route] {
        [
            Route("GET", "/v1/me") { context throws(APIFailure) in try me(context) },
            Route("POST", "/v1/me/expire_tokens") { context throws(APIFailure) in
                try expireTokens(context)
            },
            Route("POST", "/v1/me/logout") { context throws(APIFailure) in try logout(context) },
            Route("PUT", "/v1/me/password") { context throws(APIFailure) in
                try changePassword(context)
            },
            Route("GET", "/v1/project") { context throws(APIFailure) in try projects(context) },
        ]
    }

    private func me(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let user = try Self.user(of: session, in: store)
            return .object([("user", user.json())])
        }
    }

    private func expireTokens(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            var user = try Self.user(of: session, in: store)
            user.tokenValidityBegin = store.clock.now()
            store.update(user)
            return .object([("message", .string("All tokens expired"))])
        }
    }

    private func logout(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            store.tokens[session.tokenIndex].revoked = true
            return .object([("message", .string("Logged out"))])
        }
    }

    private func changePassword(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        let body = try context.body()
        let current = try Fields.requiredString(body, "password")
        let new = try Fields.requiredString(body, "new_password")
        return try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            var user = try Self.user(of: session, in: store)
            guard user.password == current else { throw .authenticationFailed }
            guard new.count >= 8 else { throw .passwordTooWeak }
            user.password = new
            store.update(user)
            for index in store.tokens.indices where store.tokens[index].userEmail == user.email {
                store.tokens[index].superseded = true
            }
            let token = store.issueSessionToken(for: user.email)
            return .object([("message", .string("Password changed")), ("token", .string(token))])
        }
    }

    private func projects(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let user = try Self.user(of: session, in: store)
            let items = user.projects.map { FakeJSON.object([("project_name", .string($0))]) }
            return .object([("projects", .array(items))])
        }
    }

    private static func user(of session: FakeStore.Session, in store: FakeStore)
        throws(APIFailure) -> FakeUser
    {
        guard let user = store.user(email: session.email) else { throw .invalidToken }
        return user
    }
}
