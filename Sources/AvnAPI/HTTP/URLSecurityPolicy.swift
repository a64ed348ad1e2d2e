import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Decides which base URLs may carry credentials, before any connection.
public enum URLSecurityPolicy {
    /// Accepts `https://` to any host and `http://` to loopback only.
    public static func check(_ baseURL: URL) throws(TransportError) {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { throw .unsupportedURL(detail: "\(baseURL.scheme ?? "no") scheme") }
        guard let host = baseURL.host, !host.isEmpty else {
            throw .unsupportedURL(detail: "no host name")
        }
        if scheme == "http" && !isLoopback(host) {
            throw .insecureURL(host: host)
        }
    }

    /// `localhost`, 127.0.0.0/8 and ::1, written in their strict forms only, so
    /// that no other spelling reaches the network unencrypted.
    public static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") {
            name = String(name.dropFirst().dropLast())
        }
        if name == "localhost" || name == "localhost." { return true }

        var ipv4 = in_addr()
        if inet_pton(AF_INET, name, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, name, &ipv6) == 1 {
            let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
            return bytes == Array(repeating: 0, count: 15) + [1]
        }
        return false
    }
}
