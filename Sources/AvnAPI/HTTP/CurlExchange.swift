import CCurl
import FoundationEssentials
import Glibc

/// One request on one curl handle: its options, and the answer as it arrives.
final class CurlExchange {
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// curl keeps this pointer until the handle is cleaned up, so it is
    /// allocated here rather than borrowed from an array for one call.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    fileprivate var body: [UInt8] = []
    fileprivate var headers: [String: String] = [:]

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        avn_curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    func configure(
        url: String, request: HTTPRequest, timeoutSeconds: Int, caFile: String?
    ) throws(TransportError) {
        var codes = [
            avn_curl_set_string(handle, CURLOPT_URL, url),
            avn_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            avn_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            avn_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            avn_curl_set_long(handle, CURLOPT_TIMEOUT, timeoutSeconds),
            avn_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            avn_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, collectBody),
            avn_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, collectHeader),
        ]
        let context = Unmanaged.passUnretained(self).toOpaque()
        codes.append(avn_curl_set_pointer(handle, CURLOPT_WRITEDATA, context))
        codes.append(avn_curl_set_pointer(handle, CURLOPT_HEADERDATA, context))
        if let caFile { codes.append(avn_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        codes += setMethod(request)
        codes.append(setHeaders(request.headers))
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw .other(
                detail: "libcurl refused an option: \(String(cString: avn_curl_strerror(failed)))")
        }
    }

    private func setMethod(_ request: HTTPRequest) -> [CURLcode] {
        var codes: [CURLcode] = []
        switch request.method {
        case .get: codes.append(avn_curl_set_long(handle, CURLOPT_HTTPGET, 1))
        case .post: codes.append(avn_curl_set_long(handle, CURLOPT_POST, 1))
        case .put, .delete:
            codes.append(
                avn_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
        }
        if let body = request.body {
            if request.method != .post { codes.append(avn_curl_set_long(handle, CURLOPT_POST, 1)) }
            codes.append(avn_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
            codes.append(
                body.withUnsafeBytes {
                    avn_curl_set_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS,
                        UnsafeMutableRawPointer(mutating: $0.baseAddress))
                })
        } else if request.method == .post {
            codes.append(avn_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, 0))
            codes.append(avn_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
        }
        return codes
    }

    private func setHeaders(_ headers: [String: String]) -> CURLcode {
        // An empty "Expect:" stops curl from waiting for "100 Continue".
        for line in headers.map({ "\($0.key): \($0.value)" }).sorted() + ["Expect:"] {
            headerList = avn_curl_slist_append(headerList, line)
        }
        return avn_curl_set_pointer(
            handle, CURLOPT_HTTPHEADER, headerList.map { UnsafeMutableRawPointer($0) })
    }

    func perform(host: String, timeoutSeconds: Int) throws(TransportError) -> HTTPResponse {
        let code = avn_curl_perform(handle)
        guard code == CURLE_OK else {
            throw TransportError(
                curlCode: code, systemError: Int32(avn_curl_os_errno(handle)),
                detail: detail(for: code), host: host, timeoutSeconds: timeoutSeconds)
        }
        var status = 0
        _ = avn_curl_response_code(handle, &status)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private func detail(for code: CURLcode) -> String {
        let text = String(
            decoding: UnsafeRawBufferPointer(start: errorBuffer, count: strlen(errorBuffer)),
            as: UTF8.self)
        return text.isEmpty ? String(cString: avn_curl_strerror(code)) : text
    }

    fileprivate func receiveHeader(_ line: String) {
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after a 1xx) starts over
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].lowercased()
            headers[name] = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
        }
    }
}

// curl's write and header callbacks: C function pointers, so no captures;
// the exchange arrives as the context pointer set with WRITEDATA/HEADERDATA.

private func collectBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    deliver(data, size * count, context) { $0.body.append(contentsOf: $1) }
}

private func collectHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    deliver(data, size * count, context) { $0.receiveHeader(String(decoding: $1, as: UTF8.self)) }
}

/// Hands `length` bytes to the exchange; returns how many were taken (all,
/// or 0 to make curl stop).
private func deliver(
    _ data: UnsafeMutablePointer<CChar>?, _ length: Int, _ context: UnsafeMutableRawPointer?,
    _ take: (CurlExchange, UnsafeRawBufferPointer) -> Void
) -> Int {
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    take(exchange, UnsafeRawBufferPointer(start: data, count: length))
    return length
}
