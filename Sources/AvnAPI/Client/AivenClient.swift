import FoundationEssentials
import Glibc

/// A client of the Aiven API's user and token endpoints.
///
/// Sends `authorization: aivenv1 <token>` when it has a token, JSON bodies, and
/// retries a GET that could not connect, as the official client does.
public struct AivenClient: Sendable {
    /// Attempts for a GET whose connection fails; other methods get one.
    public static let getAttempts = 3

    public let baseURL: URL
    public let token: String?
    public let userAgent: String
    /// Pause between the attempts of a GET, in seconds.
    public let retryDelay: Double
    private let transport: any HTTPTransport
    private let log: APILog

    public init(
        baseURL: URL, token: String?, transport: any HTTPTransport, userAgent: String,
        log: APILog = .silent, retryDelay: Double = 0.2
    ) {
        self.baseURL = baseURL
        self.token = token
        self.transport = transport
        self.userAgent = userAgent
        self.log = log
        self.retryDelay = retryDelay
    }

    /// One API call. `secrets` are credentials in the body, kept out of all output.
    func exchange(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil,
        authenticated: Bool = true, secrets: [String] = []
    ) throws(APIClientError) -> HTTPResponse {
        let redactor = Redactor(secrets: [token] + secrets)
        var request = try makeRequest(method, path, body: body, authenticated: authenticated)
        defer { request.wipeBody() }
        let response = try sendWithRetries(request, redactor: redactor)
        guard (200..<300).contains(response.status) else {
            let message = AivenClient.errorMessage(from: response.body, redactor: redactor)
            throw .api(status: response.status, message: message)
        }
        return response
    }

    /// One API call whose answer must be a JSON object.
    func call(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil,
        authenticated: Bool = true, secrets: [String] = []
    ) throws(APIClientError) -> JSONValue {
        var response = try exchange(
            method, path, body: body, authenticated: authenticated, secrets: secrets)
        // The answer to a login carries the new session token.
        defer { wipe(&response.body) }
        let what = "the server's answer to \(method.rawValue) \(Redactor.shownPath(path))"
        let json: JSONValue
        do {
            json = try JSONValue(parsing: response.body)
        } catch {
            throw .invalidResponse(detail: "\(what) is not JSON (\(error.description))")
        }
        guard case .object = json else {
            throw .invalidResponse(detail: "\(what) is not a JSON object")
        }
        return json
    }

    private func makeRequest(
        _ method: HTTPMethod, _ path: String, body: JSONValue?, authenticated: Bool
    ) throws(APIClientError) -> HTTPRequest {
        var headers = ["accept": "application/json", "user-agent": userAgent]
        if authenticated {
            guard let token else { throw .notAuthenticated }
            headers["authorization"] = "aivenv1 \(token)"
        }
        var bytes: [UInt8]?
        if let body {
            headers["content-type"] = "application/json"
            bytes = Array(body.compactText.utf8)
        }
        return HTTPRequest(method: method, path: path, headers: headers, body: bytes)
    }

    private func sendWithRetries(_ request: HTTPRequest, redactor: Redactor)
        throws(APIClientError) -> HTTPResponse
    {
        var attemptsLeft = request.method == .get ? AivenClient.getAttempts : 1
        while true {
            attemptsLeft -= 1
            log.showHTTP?(HTTPDump.request(request, baseURL: baseURL, redactor: redactor))
            do {
                let response = try transport.send(request, to: baseURL)
                log.showHTTP?(HTTPDump.response(response, redactor: redactor))
                return response
            } catch {
                log.showHTTP?(HTTPDump.failure(error, redactor: redactor))
                guard error.isConnectionFailure, attemptsLeft > 0 else {
                    throw .transport(error)
                }
                let target = "\(request.method.rawValue) \(Redactor.shownPath(request.path))"
                log.warning(
                    redactor.scrub(
                        "\(target) failed: \(error.description); retrying in "
                            + "\(retryDelay) seconds, \(attemptsLeft) attempts left"))
                usleep(useconds_t(retryDelay * 1_000_000))
            }
        }
    }
}

extension AivenClient {
    /// Longest error text taken from a body that is not JSON.
    static let maximumMessageCharacters = 300

    /// The `message` of a JSON error body, else the body's text, on one line
    /// and without secrets (removed before cutting, so no part of one is left).
    static func errorMessage(from body: [UInt8], redactor: Redactor) -> String {
        let text: String
        if let json = try? JSONValue(parsing: body), let message = json["message"]?.stringValue {
            text = message
        } else {
            text = String(decoding: body, as: UTF8.self)
        }
        let line = redactor.scrub(text).split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        guard line.count > maximumMessageCharacters else { return line }
        return String(line.prefix(maximumMessageCharacters)) + "…"
    }
}
