import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension TransportError {
    /// Classifies a URLSession failure.
    ///
    /// Foundation on Linux maps only some libcurl failures to specific codes:
    /// refused connections become `cannotConnectToHost`, resets
    /// `networkConnectionLost`, an empty answer `badServerResponse`; TLS and
    /// other connect failures arrive as `unknown` with libcurl's message.
    init(_ error: any Error, host: String, timeoutSeconds: Int) {
        let nsError = error as NSError
        let detail = Self.oneLine(nsError.localizedDescription)
        guard nsError.domain == NSURLErrorDomain else {
            self = .other(detail: detail)
            return
        }
        switch URLError.Code(rawValue: nsError.code) {
        case .cannotConnectToHost: self = .connectionRefused(host: host)
        case .networkConnectionLost, .badServerResponse: self = .connectionLost(host: host)
        case .timedOut: self = .timedOut(seconds: timeoutSeconds)
        case .cannotFindHost, .dnsLookupFailed: self = .cannotResolve(host: host)
        case .notConnectedToInternet: self = .cannotConnect(host: host, detail: detail)
        case .secureConnectionFailed, .serverCertificateHasBadDate,
            .serverCertificateUntrusted, .serverCertificateHasUnknownRoot,
            .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            self = .tls(detail: detail)
        default: self = Self.classify(curlMessage: detail, host: host)
        }
    }

    private static func classify(curlMessage detail: String, host: String) -> TransportError {
        let lowered = detail.lowercased()
        if ["ssl", "tls", "certificate"].contains(where: lowered.contains) {
            return .tls(detail: detail)
        }
        if lowered.contains("connect") {
            return .cannotConnect(host: host, detail: detail)
        }
        return .other(detail: detail.isEmpty ? "unknown error" : detail)
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}
