/// An API error answer: the status, the message and the optional machine-readable code.
struct APIFailure: Error, Sendable {
    let status: Int
    let message: String
    let errorCode: String?

    init(_ status: Int, _ message: String, code: String? = nil) {
        self.status = status
        self.message = message
        self.errorCode = code
    }

    /// The body shape every Aiven error uses.
    var json: FakeJSON {
        var item: [(String, FakeJSON)] = [("message", .string(message)), ("status", .int(status))]
        if let errorCode { item.append(("error_code", .string(errorCode))) }
        return .object([("message", .string(message)), ("errors", .array([.object(item)]))])
    }

    var response: HTTPResponse {
        HTTPResponse.json(json, status: status)
    }

    static let authenticationFailed = APIFailure(
        403, "Authentication failed", code: "authentication_failed")
    static let otpRequired = APIFailure(
        510, "Two-factor authentication OTP required", code: "user_2fa_otp_required")
    static let invalidOTP = APIFailure(
        403, "Invalid OTP", code: "user_config_2fa_otp_verification_failed")
    static let tenantMismatch = APIFailure(403, "Tenant mismatch", code: "tenant_mismatch")
    static let invalidToken = APIFailure(403, "Invalid token", code: "invalid_token")
    static let expiredToken = APIFailure(401, "Missing (expired) db token")
    static let userExists = APIFailure(409, "User already exists", code: "user_already_exists")
    static let passwordTooWeak = APIFailure(400, "Password too weak", code: "password_too_weak")
    static let tooManyTokens = APIFailure(409, "Maximum number of personal tokens reached")
    static let invalidMaxAge = APIFailure(400, "Invalid max_age_seconds")
    static let tokenNotFound = APIFailure(404, "Access token not found")
    static let notFound = APIFailure(404, "Not found")
    static let methodNotAllowed = APIFailure(405, "Method not allowed")
    static let invalidBody = APIFailure(400, "Request body is not a JSON object")

    /// A 400 naming a required field that is missing or has the wrong type.
    static func missingField(_ name: String) -> APIFailure {
        APIFailure(400, "Missing or invalid field: \(name)")
    }

    /// A sensible standard error for a bare status, as used by injected faults.
    static func standard(status: Int) -> APIFailure {
        switch status {
        case 401: return expiredToken
        case 403: return authenticationFailed
        case 404: return notFound
        case 405: return methodNotAllowed
        case 429:
            return APIFailure(
                429,
                "The user has sent too many requests in a given amount of time: "
                    + "Rate limit 120 exceeded - try again in 28s")
        case 510: return otpRequired
        default:
            let known = [
                400: "Bad request", 408: "Request timeout", 409: "Conflict",
                500: "Internal server error", 502: "Bad gateway",
                503: "Service unavailable", 504: "Gateway timeout",
            ]
            return APIFailure(status, known[status] ?? HTTPStatus.reason(status))
        }
    }
}
