import FoundationEssentials

/// One request of git's credential helper protocol: `key=value` lines up to a
/// blank line or the end of input. Unknown keys are ignored.
public struct CredentialRequest: Equatable, Sendable {
    public var scheme: String?
    /// `host` or `host:port`, as git sends it.
    public var host: String?

    public init(scheme: String? = nil, host: String? = nil) {
        self.scheme = scheme
        self.host = host
    }

    /// Parses the helper's standard input.
    public init(parsing text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty { break }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals]
            let value = String(line[line.index(after: equals)...])
            switch key {
            case "protocol": scheme = value
            case "host": host = value
            case "url": applyURL(value)
            default: continue
            }
        }
    }

    private mutating func applyURL(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return }
        scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        host = String(authority.split(separator: "@").last ?? authority)
    }

    /// Whether a profile's API URL is the server git asks about. Default
    /// ports count as absent, as git leaves them out.
    public func matches(apiURL: String) -> Bool {
        guard let scheme, let host, let schemeEnd = apiURL.firstRange(of: "://") else {
            return false
        }
        let apiScheme = apiURL[..<schemeEnd.lowerBound].lowercased()
        let apiHost = apiURL[schemeEnd.upperBound...].prefix { $0 != "/" }
        return apiScheme == scheme.lowercased()
            && Self.normalized(String(apiHost), scheme: apiScheme)
                == Self.normalized(host, scheme: apiScheme)
    }

    private static func normalized(_ host: String, scheme: String) -> String {
        let lowered = host.lowercased()
        let defaultPort = scheme == "https" ? ":443" : scheme == "http" ? ":80" : nil
        if let defaultPort, lowered.hasSuffix(defaultPort) {
            return String(lowered.dropLast(defaultPort.count))
        }
        return lowered
    }
}
