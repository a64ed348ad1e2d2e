import AvnFakeAPI
import Foundation

/// A running stand-in with a few known users, stopped when the fixture goes away.
final class FakeServerFixture {
    static let email = "john.doe@example.com"
    static let otpEmail = "otp.user@example.com"
    static let awsEmail = "aws.user@example.com"
    static let password = "s3cret-pass"
    static let otp = "123456"

    static let seed = Seed(users: [
        SeedUser(
            email: email, password: password, realName: "John Doe",
            projects: ["dev-sandbox", "prod-environment"]),
        SeedUser(email: otpEmail, password: password, realName: "Otp User", otp: otp),
        SeedUser(email: awsEmail, password: password, realName: "Aws User", tenant: "aws"),
    ])

    let server: FakeAPIServer

    init(latencyMilliseconds: Int = 0) throws {
        server = try FakeAPIServer(seed: Self.seed, latencyMilliseconds: latencyMilliseconds)
        try server.start()
    }

    deinit {
        server.stop()
    }

    /// One request on a fresh connection; `token` adds the `aivenv1` header.
    func call(
        _ method: String, _ path: String, token: String? = nil, body: String? = nil,
        headers: [String: String] = [:]
    ) throws -> RawResponse {
        var allHeaders = headers
        if let token { allHeaders["Authorization"] = "aivenv1 \(token)" }
        if body != nil, allHeaders["Content-Type"] == nil {
            allHeaders["Content-Type"] = "application/json"
        }
        return try RawHTTPConnection(port: server.port)
            .request(method, path, headers: allHeaders, body: body)
    }

    /// Logs in and returns the session token.
    func login(_ email: String = FakeServerFixture.email) throws -> String {
        let response = try call(
            "POST", "/v1/userauth",
            body: #"{"email": "\#(email)", "password": "\#(Self.password)"}"#)
        guard response.status == 200, let token = try response.json()["token"] as? String else {
            throw RawHTTPError(description: "login failed with \(response.status)")
        }
        return token
    }

    /// Creates a personal token and returns the create response's JSON.
    func createToken(
        _ token: String, description: String = "test", maxAge: String = "null"
    ) throws -> RawResponse {
        try call(
            "POST", "/v1/access_token", token: token,
            body: #"{"description": "\#(description)", "max_age_seconds": \#(maxAge), "#
                + #""extend_when_used": false}"#)
    }

    /// The `tokens` array of `GET /_fake/state`.
    func stateTokens() throws -> [[String: Any]] {
        try call("GET", "/_fake/state").json()["tokens"] as? [[String: Any]] ?? []
    }
}
