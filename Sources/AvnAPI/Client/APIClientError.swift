/// Why an API call failed.
public enum APIClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with a status outside 2xx. `message` is the body's
    /// `message`, or the body's text when it is not a JSON object with one.
    case api(status: Int, message: String)
    /// No HTTP answer arrived.
    case transport(TransportError)
    /// A 2xx answer that is not JSON or lacks a field the call needs.
    case invalidResponse(detail: String)
    /// The call needs a token and the client has none.
    case notAuthenticated

    /// The HTTP status of an `.api` error.
    public var status: Int? {
        if case .api(let status, _) = self { status } else { nil }
    }

    /// The account has two-factor authentication and the login sent no OTP.
    public var isOTPRequired: Bool { status == 510 }

    /// The token or the credentials were refused (expired, revoked, wrong).
    public var isAuthFailure: Bool { status == 401 || status == 403 }

    public var description: String {
        switch self {
        case .api(let status, let message):
            message.isEmpty
                ? "the server answered with status \(status) and no message"
                : "\(message) (status \(status))"
        case .transport(let error):
            error.description
        case .invalidResponse(let detail):
            "\(detail); check that the API URL (--url or AIVEN_WEB_URL) points at the Aiven API"
        case .notAuthenticated:
            "not authenticated: please login first with 'avn user login'"
        }
    }
}
