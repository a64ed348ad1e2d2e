import FoundationEssentials

/// The HTTP proxy for https:// requests, from the environment variables curl
/// and Python's requests read: `https_proxy`, `HTTPS_PROXY`, `all_proxy`,
/// `ALL_PROXY` (the first set wins), minus the hosts in `no_proxy` or
/// `NO_PROXY`. Requests go through it with `CONNECT`, so TLS still runs end
/// to end. Plain http:// (loopback only) never uses a proxy.
public struct ProxySettings: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// `Basic ...` from the user and password in the proxy URL.
        var authorization: String?
    }

    /// The proxy, or why the variable in effect is unusable: reported only
    /// when a request would go through it, so a SOCKS proxy set for other
    /// programs does not stop commands that never leave this machine.
    private var configured: Result<Endpoint, TransportError>?
    /// `no_proxy` entries, lower-cased, without leading dots.
    public var exclusions: [String]

    public static let none = ProxySettings(configured: nil, exclusions: [])

    /// The variables that name the proxy, the first set one winning.
    public static let proxyVariables = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    /// The variables that list hosts reached directly.
    public static let exclusionVariables = ["no_proxy", "NO_PROXY"]

    private init(configured: Result<Endpoint, TransportError>?, exclusions: [String]) {
        self.configured = configured
        self.exclusions = exclusions
    }

    public init(environment: [String: String]) {
        let chosen = Self.proxyVariables.lazy.compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : (name, $0) }
        }.first
        let exclusions = (Self.exclusionVariables.lazy.compactMap { environment[$0] }.first ?? "")
            .split(separator: ",")
            .map { entry -> String in
                var host = entry.trimmingWhitespace().lowercased()
                while host.hasPrefix(".") { host.removeFirst() }
                return host
            }
            .filter { !$0.isEmpty }
        let configured = chosen.map { name, value in
            Result { () throws(TransportError) in try Self.endpoint(value, variable: name) }
        }
        self.init(configured: configured, exclusions: exclusions)
    }

    /// The proxy to reach `host` through, or `nil` to connect directly.
    ///
    /// - Throws: `.badProxy` when the variable in effect is not an
    ///   `http://[USER:PASSWORD@]HOST[:PORT]` URL.
    func proxy(for host: String) throws(TransportError) -> Endpoint? {
        guard let configured else { return nil }
        let name = host.lowercased()
        let excluded = exclusions.contains { entry in
            entry == "*" || name == entry || name.hasSuffix("." + entry)
        }
        return excluded ? nil : try configured.get()
    }

    private static func endpoint(_ value: String, variable: String) throws(TransportError)
        -> Endpoint
    {
        // A bare HOST:PORT means http://, as curl reads it.
        let text = value.contains("://") ? value : "http://" + value
        guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
            throw .badProxy(variable: variable, detail: "not a URL")
        }
        guard url.scheme?.lowercased() == "http" else {
            throw .badProxy(
                variable: variable,
                detail: "only http:// proxies are supported, not \(url.scheme ?? "this") ones")
        }
        var authorization: String?
        if let user = url.user(percentEncoded: false) {
            let password = url.password(percentEncoded: false) ?? ""
            authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return Endpoint(host: bare, port: url.port ?? 1080, authorization: authorization)
    }
}
