import FoundationEssentials

/// The `--show-http` text of requests and responses, with credentials removed.
enum HTTPDump {
    /// Longest body text shown, so a huge answer does not flood the terminal.
    static let maximumBodyCharacters = 8192

    static func request(_ request: HTTPRequest, baseURL: URL, redactor: Redactor) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var lines = ["> \(request.method.rawValue) \(base)\(Redactor.shownPath(request.path))"]
        lines += headerLines(request.headers, marker: ">")
        if let body = request.body, !body.isEmpty {
            lines.append(">")
            lines += bodyLines(body, marker: ">", redactor: redactor)
        }
        return redactor.scrub(lines.joined(separator: "\n"))
    }

    static func response(_ response: HTTPResponse, redactor: Redactor) -> String {
        var lines = ["< HTTP \(response.status)"]
        lines += headerLines(response.headers, marker: "<")
        if !response.body.isEmpty {
            lines.append("<")
            lines += bodyLines(response.body, marker: "<", redactor: redactor)
        }
        return redactor.scrub(lines.joined(separator: "\n"))
    }

    static func failure(_ error: TransportError, redactor: Redactor) -> String {
        redactor.scrub("< no answer: \(error.description)")
    }

    private static func headerLines(_ headers: [String: String], marker: String) -> [String] {
        headers.sorted { $0.key < $1.key }.map { name, value in
            "\(marker) \(name): \(shownHeaderValue(name: name, value: value))"
        }
    }

    private static func shownHeaderValue(name: String, value: String) -> String {
        switch name.lowercased() {
        case "authorization":
            value.lowercased().hasPrefix("aivenv1 ")
                ? "aivenv1 \(Redactor.placeholder)" : Redactor.placeholder
        case "cookie", "set-cookie", "proxy-authorization":
            Redactor.placeholder
        default:
            value
        }
    }

    private static func bodyLines(_ body: [UInt8], marker: String, redactor: Redactor)
        -> [String]
    {
        let raw: String
        if let json = try? JSONValue(parsing: body) {
            raw = Redactor.redactJSON(json).compactText
        } else {
            raw = String(decoding: body, as: UTF8.self)
        }
        // Secrets go before the cut, so no part of one survives it.
        let text = redactor.scrub(raw)
        var shown = String(text.prefix(maximumBodyCharacters))
        if shown.count < text.count { shown += "… (\(text.count) characters in all)" }
        return shown.split(separator: "\n", omittingEmptySubsequences: false).map {
            "\(marker) \($0)"
        }
    }
}
