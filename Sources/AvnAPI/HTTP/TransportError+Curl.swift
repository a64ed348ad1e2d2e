import CCurl
import Glibc

extension TransportError {
    /// Classifies a libcurl failure (libcurl-errors(3)).
    init(
        curlCode code: CURLcode, systemError: Int32, detail: String, host: String,
        timeoutSeconds: Int
    ) {
        switch code {
        case CURLE_COULDNT_CONNECT:
            self =
                systemError == ECONNREFUSED
                ? .connectionRefused(host: host) : .cannotConnect(host: host, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut(seconds: timeoutSeconds)
        case CURLE_COULDNT_RESOLVE_HOST:
            self = .cannotResolve(host: host)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CIPHER:
            self = .tls(detail: detail)
        case CURLE_PARTIAL_FILE:
            self = .truncated(host: host)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            self = .connectionLost(host: host)
        default:
            self = .other(detail: detail)
        }
    }
}
