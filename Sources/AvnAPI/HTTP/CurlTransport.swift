import CCurl
import FoundationEssentials

/// The HTTP transport, on libcurl directly.
///
/// No cookies, no redirects followed (a 3xx is an answer), http and https
/// only. Plain `http://` is refused before any connection unless the host is
/// loopback. A CA file, when given, is the only set of roots trusted.
public final class CurlTransport: HTTPTransport {
    /// The official client sets no timeout at all; a minute still lets a slow
    /// API answer while a dead one (or an endless answer) does not hang avn.
    public static let defaultTimeoutSeconds = 60

    /// The longest a whole request may take, in seconds.
    public let timeoutSeconds: Int
    public let caFile: String?

    /// - Throws: `.caFileUnreadable` when `caFile` cannot be read.
    public init(timeoutSeconds: Int = CurlTransport.defaultTimeoutSeconds, caFile: String? = nil)
        throws(TransportError)
    {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw .caFileUnreadable(path: caFile)
        }
        self.timeoutSeconds = max(1, timeoutSeconds)
        self.caFile = caFile
    }

    public func send(_ request: HTTPRequest, to baseURL: URL) throws(TransportError) -> HTTPResponse
    {
        try URLSecurityPolicy.check(baseURL)
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let host = baseURL.host ?? base

        guard avn_curl() != nil else {
            let reason = avn_curl_error().map { String(cString: $0) } ?? "unknown reason"
            throw .other(detail: "cannot load libcurl (\(reason)); install libcurl4")
        }
        guard let handle = avn_curl_easy_init() else {
            throw .other(detail: "libcurl could not start a request")
        }
        defer { avn_curl_easy_cleanup(handle) }
        let exchange = CurlExchange(handle: handle)
        try exchange.configure(
            url: base + request.path, request: request, timeoutSeconds: timeoutSeconds,
            caFile: caFile)
        return try exchange.perform(host: host, timeoutSeconds: timeoutSeconds)
    }
}

@available(*, unavailable)
extension CurlExchange: Sendable {}
