import AvnVault

/// git credential requests: the input up to a NUL is the helper's standard
/// input; the rest, when present, is one more API URL to match against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredential(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = fuzzBytes(data, size).split(
        separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let request = CredentialRequest(parsing: String(decoding: parts[0], as: UTF8.self))
    var apiURLs = [
        "https://api.aiven.io", "https://api.aiven.io:443/", "http://localhost:8080",
        "HTTPS://API.Example.COM/v1", "https://[::1]:9443",
    ]
    if parts.count > 1 { apiURLs.append(String(decoding: parts[1], as: UTF8.self)) }
    for apiURL in apiURLs where request.matches(apiURL: apiURL) {
        if request.scheme == nil || request.host == nil {
            fuzzFailure("a request without protocol or host matched \(apiURL.debugDescription)")
        }
    }
    return 0
}
