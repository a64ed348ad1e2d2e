/// Why a request got no HTTP answer.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing listens on the server's port.
    case connectionRefused(host: String)
    /// The connection broke or closed before a complete answer arrived.
    case connectionLost(host: String)
    /// The answer stopped before its announced end; the request did reach the server.
    case truncated(host: String)
    /// Another failure to open a connection (no route, network down).
    case cannotConnect(host: String, detail: String)
    /// No answer within the request timeout.
    case timedOut(seconds: Int)
    /// The TLS handshake or the certificate check failed.
    case tls(detail: String)
    case cannotResolve(host: String)
    /// Plain `http://` to a host that is not this machine.
    case insecureURL(host: String)
    /// A URL that is not `http` or `https`, or has no host.
    case unsupportedURL(detail: String)
    /// The CA file given with `--auth-ca` or `AIVEN_CA_CERT` cannot be read.
    case caFileUnreadable(path: String)
    /// The proxy variable in effect is unusable; its value (which may hold a
    /// password) is never repeated.
    case badProxy(variable: String, detail: String)
    case other(detail: String)

    /// Whether a GET may be sent again: the request surely or likely never
    /// reached the server.
    public var isConnectionFailure: Bool {
        switch self {
        case .connectionRefused, .connectionLost, .cannotConnect: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .connectionRefused(let host):
            "could not connect to \(host): connection refused; check the API URL "
                + "(--url or AIVEN_WEB_URL) and that the server is running"
        case .connectionLost(let host):
            "the connection to \(host) closed before a complete answer arrived; "
                + "check the API URL and try again"
        case .truncated(let host):
            "the answer from \(host) was cut off before its end; try again"
        case .cannotConnect(let host, let detail):
            "could not connect to \(host): \(detail); check your network and the API URL"
        case .timedOut(let seconds):
            "no complete answer from the server within \(seconds) seconds; try again later "
                + "or raise --request-timeout"
        case .tls(let detail):
            "secure connection failed: \(detail); check the API URL, or trust the server's "
                + "certificate authority with --auth-ca (AIVEN_CA_CERT)"
        case .cannotResolve(let host):
            "could not resolve host \(host); check the API URL (--url or AIVEN_WEB_URL) "
                + "and your network"
        case .insecureURL(let host):
            "refusing plain http:// to \(host) because credentials would travel unencrypted; "
                + "use https:// (http:// is allowed only for localhost)"
        case .unsupportedURL(let detail):
            "unusable API URL: \(detail); give an https:// URL such as https://api.aiven.io"
        case .caFileUnreadable(let path):
            "cannot read the CA file \(path); check the path given with --auth-ca or "
                + "AIVEN_CA_CERT"
        case .badProxy(let variable, let detail):
            "unusable proxy in \(variable): \(detail); give http://HOST:PORT, or unset it"
        case .other(let detail):
            "the HTTP request failed: \(detail); try again, or check the API URL"
        }
    }
}
