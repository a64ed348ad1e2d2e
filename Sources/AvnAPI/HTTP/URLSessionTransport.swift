import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The HTTP transport over Foundation's URLSession (libcurl on Linux).
///
/// No cookies, no cache, no stored credentials, redirects returned as answers.
/// Plain `http://` is refused before any connection unless the host is loopback.
public final class URLSessionTransport: HTTPTransport {
    /// The official client sets no timeout at all; a minute still lets a slow
    /// API answer while a dead one does not hang the command forever.
    public static let defaultTimeoutSeconds = 60

    /// Longest wait for the next bytes of an answer, in whole seconds, because
    /// Foundation on Linux drops any fraction of a request timeout.
    public let timeoutSeconds: Int
    private let session: URLSession

    /// Creates a transport; a CA file cannot be honoured (see `customCAUnsupported`).
    public init(
        timeoutSeconds: Int = URLSessionTransport.defaultTimeoutSeconds, caFile: String? = nil
    ) throws(TransportError) {
        // URLSession on Linux reads no CA setting outside Android, so refusing is
        // the only way not to pretend that a private CA is trusted.
        if let caFile { throw .customCAUnsupported(path: caFile) }
        self.timeoutSeconds = max(1, timeoutSeconds)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = TimeInterval(self.timeoutSeconds)
        session = URLSession(
            configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: HTTPRequest, to baseURL: URL) throws(TransportError) -> HTTPResponse
    {
        try URLSecurityPolicy.check(baseURL)
        let url = try Self.url(for: request.path, relativeTo: baseURL)
        var urlRequest = URLRequest(
            url: url, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: TimeInterval(timeoutSeconds))
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body = request.body {
            urlRequest.httpBody = Data(body)
        }

        let outcome = TaskOutcome()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            outcome.finish(data: data, response: response, error: error)
        }
        task.resume()
        let (data, response, error) = outcome.wait()

        if let error {
            throw TransportError(error, host: url.host ?? "", timeoutSeconds: timeoutSeconds)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .other(detail: "the answer was not an HTTP response")
        }
        return HTTPResponse(
            status: http.statusCode, headers: Self.lowercasedHeaders(http),
            body: data.map { Array($0) } ?? [])
    }

    private static func url(for path: String, relativeTo baseURL: URL) throws(TransportError)
        -> URL
    {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else {
            throw .unsupportedURL(detail: "cannot join the base URL and the request path")
        }
        return url
    }

    private static func lowercasedHeaders(_ response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String else { continue }
            headers[name.lowercased()] = value as? String ?? "\(value)"
        }
        return headers
    }
}

/// The result of one data task, handed from URLSession's queue to the caller.
private final class TaskOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var data: Data?
    private var response: URLResponse?
    private var error: (any Error)?

    func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
        lock.withLock {
            self.data = data
            self.response = response
            self.error = error
        }
        done.signal()
    }

    func wait() -> (Data?, URLResponse?, (any Error)?) {
        done.wait()
        return lock.withLock { (data, response, error) }
    }
}

/// Stops URLSession from following redirects, so a 3xx reaches the caller
/// and no request (with its credentials) goes to a host nobody chose.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
