/// Access tokens: list, create, update, revoke.
extension AivenClient {
    /// `GET /v1/access_token`: the token objects exactly as returned.
    public func listTokens() throws(APIClientError) -> [JSONValue] {
        let answer = try call(.get, "/v1/access_token")
        guard let tokens = answer["tokens"]?.arrayValue else {
            throw .invalidResponse(
                detail: "the server's answer to GET /v1/access_token has no tokens list")
        }
        return tokens
    }

    /// `POST /v1/access_token`: the new token object, `full_token` included.
    ///
    /// Sends all three fields like the official client; no max age means no expiry.
    public func createToken(description: String, maxAgeSeconds: Int?, extendWhenUsed: Bool)
        throws(APIClientError) -> JSONValue
    {
        let body = JSONValue.dictionary([
            "description": .string(description),
            "extend_when_used": .bool(extendWhenUsed),
            "max_age_seconds": maxAgeSeconds.map(JSONValue.int) ?? .null,
        ])
        let answer = try call(.post, "/v1/access_token", body: body)
        guard answer["full_token"]?.stringValue != nil else {
            throw .invalidResponse(
                detail: "the server's answer to POST /v1/access_token has no full_token")
        }
        return answer
    }

    /// `PUT /v1/access_token/{prefix}`: the updated token object.
    public func updateToken(_ prefix: String, description: String) throws(APIClientError)
        -> JSONValue
    {
        let body = JSONValue.dictionary(["description": .string(description)])
        return try call(.put, Self.tokenPath(prefix), body: body, secrets: Self.secrets(prefix))
    }

    /// `DELETE /v1/access_token/{token}`: revokes by prefix or full token.
    public func revokeToken(_ tokenOrPrefix: String) throws(APIClientError) {
        _ = try exchange(
            .delete, Self.tokenPath(tokenOrPrefix), secrets: Self.secrets(tokenOrPrefix))
    }

    /// A full token given in place of a prefix is a credential; a prefix is not.
    private static func secrets(_ tokenOrPrefix: String) -> [String] {
        tokenOrPrefix.count > Redactor.shownTokenCharacters ? [tokenOrPrefix] : []
    }

    static func tokenPath(_ tokenOrPrefix: String) -> String {
        "/v1/access_token/" + PathSegment.encode(tokenOrPrefix)
    }
}
