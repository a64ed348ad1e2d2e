import FoundationEssentials

/// The HTTP transport: HTTP/1.1 on a socket, with OpenSSL for https://.
///
/// One request per connection, no cookies, no redirects followed (a 3xx is
/// an answer), http and https only. Plain `http://` is refused before any
/// connection unless the host is loopback. A CA file, when given, is the only
/// set of roots trusted; otherwise the system's are. The timeout covers the
/// connection, TLS and the whole answer (name resolution has its own limits).
public final class SocketTransport: HTTPTransport {
    /// The official client sets no timeout at all; a minute still lets a slow
    /// API answer while a dead one (or an endless answer) does not hang avn.
    public static let defaultTimeoutSeconds = 60

    /// The longest a whole request may take, in seconds.
    public let timeoutSeconds: Int
    public let caFile: String?
    public let proxies: ProxySettings

    /// - Throws: `.caFileUnreadable` when `caFile` cannot be read.
    public init(
        timeoutSeconds: Int = SocketTransport.defaultTimeoutSeconds, caFile: String? = nil,
        proxies: ProxySettings = .none
    ) throws(TransportError) {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw .caFileUnreadable(path: caFile)
        }
        self.timeoutSeconds = max(1, timeoutSeconds)
        self.caFile = caFile
        self.proxies = proxies
    }

    public func send(_ request: HTTPRequest, to baseURL: URL) throws(TransportError) -> HTTPResponse
    {
        try URLSecurityPolicy.check(baseURL)
        // A line break in a value (a pasted token, say) would start a header of its own.
        // Bytes, not Characters: "\r\n" is one Character.
        let breaks: Set<UInt8> = [13, 10, 0]
        if let bad = request.headers.first(where: { $0.value.utf8.contains(where: breaks.contains) }
        ) {
            throw .other(
                detail: "the \(bad.key) header holds a line break; check the token or value")
        }
        let target = Target(baseURL)
        let deadline = Deadline(seconds: timeoutSeconds)
        let connection: Connection
        if target.isSecure, let endpoint = try proxies.proxy(for: target.host) {
            connection = try Connection.open(
                host: endpoint.host, port: endpoint.port, deadline: deadline)
            try Self.tunnel(through: connection, to: target, authorization: endpoint.authorization)
        } else {
            connection = try Connection.open(
                host: target.host, port: target.port, deadline: deadline)
        }
        if target.isSecure {
            try connection.startTLS(serverName: target.host, caFile: caFile)
        }
        var message = Self.message(for: request, to: target)
        defer { wipe(&message) }
        try connection.write(message)
        return try Self.receive(from: connection, host: target.host)
    }

    /// The request as sent: request line, headers, body.
    static func message(for request: HTTPRequest, to target: Target) -> [UInt8] {
        var head = "\(request.method.rawValue) \(target.basePath)\(request.path) HTTP/1.1\r\n"
        head += "Host: \(target.authority)\r\n"
        var headers = request.headers
        if headers["accept"] == nil { headers["accept"] = "*/*" }
        if request.body != nil || request.method != .get {
            headers["content-length"] = String(request.body?.count ?? 0)
        }
        headers["connection"] = "close"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            head += "\(Self.canonical(name)): \(value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + (request.body ?? [])
    }

    /// `content-type` as `Content-Type`: how most clients write header names.
    private static func canonical(_ name: String) -> String {
        name.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: "-")
    }

    private static func receive(from connection: Connection, host: String)
        throws(TransportError) -> HTTPResponse
    {
        var reader = HTTPResponseReader()
        defer { reader.wipe() }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        defer { wipe(&buffer) }
        while true {
            let count = try connection.read(into: &buffer)
            if let response = try feed(&reader, count == 0 ? nil : buffer[..<count], host: host) {
                return response
            }
        }
    }

    /// Asks an HTTP proxy for a tunnel to the target (`CONNECT`).
    private static func tunnel(
        through connection: Connection, to target: Target, authorization: String?
    ) throws(TransportError) {
        var request = "CONNECT \(target.authority) HTTP/1.1\r\nHost: \(target.authority)\r\n"
        if let authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "\r\n"
        var bytes = Array(request.utf8)
        defer { wipe(&bytes) }
        try connection.write(bytes)
        // One byte at a time: whatever follows the proxy's answer belongs to TLS.
        var reader = HTTPResponseReader(bodiless: true)
        var byte: [UInt8] = [0]
        while true {
            let count = try connection.read(into: &byte)
            let input = count == 0 ? nil : byte[...]
            guard let answer = try feed(&reader, input, host: connection.host) else { continue }
            guard (200..<300).contains(answer.status) else {
                throw .cannotConnect(
                    host: target.host,
                    detail: "the proxy \(connection.host) answered \(answer.status) to CONNECT")
            }
            return
        }
    }

    /// Hands the reader the next bytes, or the end of the connection (`nil`).
    private static func feed(
        _ reader: inout HTTPResponseReader, _ bytes: ArraySlice<UInt8>?, host: String
    ) throws(TransportError) -> HTTPResponse? {
        do throws(HTTPResponseReader.Failure) {
            guard let bytes else { return try reader.finish() }
            return try reader.receive(bytes)
        } catch {
            throw error.transportError(host: host)
        }
    }
}

/// Where a base URL points: scheme, host, port and path prefix.
struct Target {
    let isSecure: Bool
    /// The host without IPv6 brackets.
    let host: String
    let port: Int
    /// `host[:port]` as the Host header and CONNECT write it.
    let authority: String
    /// The base URL's path without a trailing slash; requests append theirs.
    let basePath: String

    /// `url` has passed `URLSecurityPolicy.check`: http or https, with a host.
    init(_ url: URL) {
        isSecure = url.scheme?.lowercased() == "https"
        let written = url.host ?? ""
        host = written.hasPrefix("[") ? String(written.dropFirst().dropLast()) : written
        let defaultPort = isSecure ? 443 : 80
        port = url.port ?? defaultPort
        let bracketed = host.contains(":") ? "[\(host)]" : host
        authority = port == defaultPort ? bracketed : "\(bracketed):\(port)"
        var path = url.path(percentEncoded: true)
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }
}

extension HTTPResponseReader.Failure {
    func transportError(host: String) -> TransportError {
        switch self {
        case .noAnswer: .connectionLost(host: host)
        case .truncated: .truncated(host: host)
        case .malformed(let detail): .other(detail: "\(host) sent \(detail)")
        }
    }
}
