/// The `/v1/access_token` endpoints: list, create, update and revoke tokens.
struct AccessTokenHandlers {
    let state: FakeState

    static let maximumPersonalTokens = 10
    static let maxAgeRange = 600...315_360_000

    var routes: [Route] {
        [
            Route("GET", "/v1/access_token") { context throws(APIFailure) in try list(context) },
            Route("POST", "/v1/access_token") { context throws(APIFailure) in
                try create(context)
            },
            Route("PUT", "/v1/access_token/{}") { context throws(APIFailure) in
                try update(context)
            },
            Route("DELETE", "/v1/access_token/{}") { context throws(APIFailure) in
                try revoke(context)
            },
        ]
    }

    private func list(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let now = store.clock.now()
            var items: [FakeJSON] = []
            for (index, token) in store.tokens.enumerated()
            where token.userEmail == session.email && store.isValid(token, now: now) {
                items.append(token.json(currentlyActive: index == session.tokenIndex))
            }
            return .object([("tokens", .array(items))])
        }
    }

    private func create(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        let body = try context.body()
        let description = try Fields.requiredString(body, "description")
        guard description.count <= 1000 else { throw .missingField("description") }
        let maxAge = try Self.maxAge(body["max_age_seconds"])
        let extend = body["extend_when_used"] ?? .bool(false)
        guard let extendWhenUsed = extend.isNull ? false : extend.boolValue else {
            throw .missingField("extend_when_used")
        }
        return try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let personal = store.tokens.filter {
                $0.userEmail == session.email && $0.kind == .personal
            }
            let now = store.clock.now()
            let live = personal.filter { store.isValid($0, now: now) }
            guard live.count < Self.maximumPersonalTokens else { throw .tooManyTokens }
            let index = store.issueToken(
                for: session.email, kind: .personal, maxAgeSeconds: maxAge,
                extendWhenUsed: extendWhenUsed, description: description)
            let token = store.tokens[index]
            guard case .object(var members) = token.json(currentlyActive: false) else {
                return .object([])
            }
            members.append(("full_token", .string(token.full)))
            return .object(members)
        }
    }

    private static func maxAge(_ value: FakeJSON?) throws(APIFailure) -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let seconds = value.intValue, maxAgeRange.contains(seconds) else {
            throw .invalidMaxAge
        }
        return seconds
    }

    private func update(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        let body = try context.body()
        let description = try Fields.requiredString(body, "description")
        guard description.count <= 1000 else { throw .missingField("description") }
        return try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let index = try Self.ownToken(context.parameters[0], of: session, in: store)
            store.tokens[index].description = description
            return store.tokens[index].json(currentlyActive: index == session.tokenIndex)
        }
    }

    private func revoke(_ context: RequestContext) throws(APIFailure) -> FakeJSON {
        try state.access { store throws(APIFailure) in
            let session = try store.authenticate(context.credentials)
            let index = try Self.ownToken(context.parameters[0], of: session, in: store)
            store.tokens[index].revoked = true
            return .object([("message", .string("Access token revoked"))])
        }
    }

    /// The caller's unrevoked token named by its prefix or its full text.
    private static func ownToken(
        _ name: String, of session: FakeStore.Session, in store: FakeStore
    ) throws(APIFailure) -> Int {
        let index = store.tokens.firstIndex {
            $0.userEmail == session.email && !$0.revoked && ($0.prefix == name || $0.full == name)
        }
        guard let index else { throw .tokenNotFound }
        return index
    }
}
