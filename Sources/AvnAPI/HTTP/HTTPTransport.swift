import FoundationEssentials

/// Sends one HTTP request and waits for its answer.
///
/// A transport never retries and never follows redirects; HTTP error statuses
/// are answers, not errors.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, to baseURL: URL) throws(TransportError) -> HTTPResponse
}
