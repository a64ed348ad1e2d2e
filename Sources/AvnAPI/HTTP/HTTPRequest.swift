/// The HTTP methods the Aiven endpoints use.
public enum HTTPMethod: String, Sendable, Equatable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}

/// One request, relative to a base URL; `path` is already percent-encoded.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The path with its query, as sent, for example `/v1/access_token/abc%2B`.
    public var path: String
    /// Header values by lower-cased name.
    public var headers: [String: String]
    public var body: [UInt8]?

    public init(
        method: HTTPMethod, path: String, headers: [String: String] = [:], body: [UInt8]? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// One response as received, with no redirect followed.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header values by lower-cased name.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is the UTF-8 of `text`.
    public init(status: Int, headers: [String: String] = [:], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }
}
