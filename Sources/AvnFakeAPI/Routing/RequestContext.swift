/// What a handler sees: the request, its decoded path parameters and who sent it.
struct RequestContext {
    let request: HTTPRequest
    /// The decoded values of the pattern's `{}` segments, in order.
    let parameters: [String]
    let peerAddress: String

    var credentials: FakeStore.Credentials {
        FakeStore.Credentials(
            authorization: request.header("authorization"), peerAddress: peerAddress,
            userAgent: request.header("user-agent"))
    }

    /// The JSON object body; an empty body (as sent with `application/octet-stream`) is `{}`.
    func body() throws(APIFailure) -> FakeJSON {
        if request.body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return .object([])
        }
        guard let value = try? FakeJSONParser.parse(request.body), value.isObject else {
            throw .invalidBody
        }
        return value
    }
}
