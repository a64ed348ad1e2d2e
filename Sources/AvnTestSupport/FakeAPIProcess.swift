import AvnAPI
import Foundation
import Glibc

/// A running `avn-fake-api` child process with its admin API.
///
/// Starts the built stand-in on a free port with a seed, reads the base URL it
/// prints, and kills it on `stop()` or deinit.
public final class FakeAPIProcess: @unchecked Sendable {
    /// The base URL without `/v1`, such as `http://127.0.0.1:40123`.
    public let url: String
    private let process: ChildProcess
    private let lock = NSLock()

    /// Starts the stand-in with `seedJSON` (the `--seed` file format) written to `seedPath`.
    public init(seedJSON: String, seedPath: String, arguments: [String] = []) throws {
        try Data(seedJSON.utf8).write(to: URL(fileURLWithPath: seedPath))
        process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: try BuiltProducts.fakeAPI())
        process.arguments = ["--port", "0", "--seed", seedPath] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        guard let line = Self.firstLine(of: output.fileHandleForReading),
            line.hasPrefix("http://")
        else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestSupportError("avn-fake-api did not print its URL")
        }
        url = line
    }

    deinit {
        stop()
    }

    /// Whether the server process still runs.
    public var isRunning: Bool {
        lock.withLock { process.isRunning }
    }

    /// Kills the server and waits for it to end; later requests are refused.
    public func stop() {
        lock.withLock {
            guard process.isRunning else { return }
            // SIGKILL: a child spawned from a test thread may inherit a mask
            // that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private static func firstLine(of handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            bytes += chunk
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: bytes[..<newline], as: UTF8.self)
            }
        }
    }

    // MARK: - Admin API

    /// `GET /_fake/state`: every user and token the server holds.
    public func state() throws -> JSONValue {
        try admin(.get, "/_fake/state")
    }

    /// The full tokens the server holds, of one user or of all.
    public func tokens(of email: String? = nil) throws -> [JSONValue] {
        let all = try state()["tokens"]?.arrayValue ?? []
        guard let email else { return all }
        return all.filter { $0["user"]?.stringValue == email }
    }

    /// The server's record of a full token, when it knows it.
    public func token(_ full: String) throws -> JSONValue? {
        try tokens().first { $0["token"]?.stringValue == full }
    }

    /// `POST /_fake/faults`: misbehave for matching requests.
    public func addFault(_ fault: FakeFault) throws {
        _ = try admin(.post, "/_fake/faults", body: fault.json)
    }

    /// `POST /_fake/clock`: let `seconds` pass for every token.
    public func advanceClock(seconds: Int) throws {
        _ = try admin(.post, "/_fake/clock", body: .dictionary(["advance_seconds": .int(seconds)]))
    }

    /// Sends an admin or API request and returns the JSON answer of a 2xx.
    public func admin(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil,
        headers: [String: String] = [:]
    ) throws -> JSONValue {
        guard let base = URL(string: url) else { throw TestSupportError("bad URL \(url)") }
        var allHeaders = headers
        if body != nil { allHeaders["content-type"] = "application/json" }
        let request = HTTPRequest(
            method: method, path: path, headers: allHeaders,
            body: body.map { Array($0.compactText.utf8) })
        let response = try SocketTransport(timeoutSeconds: 10).send(request, to: base)
        guard (200..<300).contains(response.status) else {
            throw TestSupportError(
                "\(method.rawValue) \(path) answered \(response.status): "
                    + String(decoding: response.body, as: UTF8.self))
        }
        return try JSONValue(parsing: response.body)
    }
}

/// A misbehaviour for the stand-in, in the shape `POST /_fake/faults` takes.
public struct FakeFault: Sendable {
    public var path: String
    public var method: String?
    public var status: Int?
    public var body: String?
    public var contentType: String?
    public var latencyMilliseconds: Int?
    public var close = false
    public var truncate = false
    /// A chunked body that never ends.
    public var endless = false
    public var times: Int?

    public init(
        path: String, method: String? = nil, status: Int? = nil, body: String? = nil,
        contentType: String? = nil, latencyMilliseconds: Int? = nil, close: Bool = false,
        truncate: Bool = false, endless: Bool = false, times: Int? = nil
    ) {
        self.path = path
        self.method = method
        self.status = status
        self.body = body
        self.contentType = contentType
        self.latencyMilliseconds = latencyMilliseconds
        self.close = close
        self.truncate = truncate
        self.endless = endless
        self.times = times
    }

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("path", .string(path))]
        if let method { members.append(("method", .string(method))) }
        if let status { members.append(("status", .int(status))) }
        if let body { members.append(("body", .string(body))) }
        if let contentType { members.append(("content_type", .string(contentType))) }
        if let latencyMilliseconds { members.append(("latency_ms", .int(latencyMilliseconds))) }
        if close { members.append(("close", .bool(true))) }
        if truncate { members.append(("truncate", .bool(true))) }
        if endless { members.append(("endless", .bool(true))) }
        if let times { members.append(("times", .int(times))) }
        return .object(members)
    }
}
