import AvnAPI
import Foundation

/// A transport that records requests and answers from a queue of canned outcomes.
public final class StubTransport: HTTPTransport, @unchecked Sendable {
    /// What one request gets back.
    public enum Outcome: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private let lock = NSLock()
    private var queued: [Outcome]
    private var fallback: Outcome
    private var recorded: [(request: HTTPRequest, baseURL: URL)] = []

    /// Answers with `outcomes` in order, then with `fallback` (an empty 200 object).
    public init(
        _ outcomes: [Outcome] = [],
        fallback: Outcome = .response(HTTPResponse(status: 200, text: "{}"))
    ) {
        queued = outcomes
        self.fallback = fallback
    }

    /// Answers every request with one JSON text and status.
    public convenience init(status: Int = 200, json: String) {
        self.init(
            fallback: .response(
                HTTPResponse(
                    status: status, headers: ["content-type": "application/json"], text: json)))
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] {
        lock.withLock { recorded.map(\.request) }
    }

    /// The base URL of every request sent so far.
    public var baseURLs: [URL] {
        lock.withLock { recorded.map(\.baseURL) }
    }

    /// The last request's body parsed as JSON, when it is JSON.
    public var lastJSONBody: JSONValue? {
        guard let body = requests.last?.body else { return nil }
        return try? JSONValue(parsing: body)
    }

    public func send(_ request: HTTPRequest, to baseURL: URL) throws(TransportError)
        -> HTTPResponse
    {
        let outcome = lock.withLock {
            recorded.append((request, baseURL))
            return queued.isEmpty ? fallback : queued.removeFirst()
        }
        switch outcome {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}
