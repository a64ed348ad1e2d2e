/// One parsed HTTP/1.x request.
struct HTTPRequest: Sendable {
    let method: String
    /// The request target as sent, query included.
    let target: String
    let version: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// The target without its query string, still percent-encoded.
    var path: String {
        String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The path's segments, each percent-decoded on its own so `%2F` stays inside it.
    var pathSegments: [String]? {
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentDecoding.decode(raw) else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    /// The first header with this name, compared without case.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Whether the client wants the connection kept open after this request.
    var keepsAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }
}
