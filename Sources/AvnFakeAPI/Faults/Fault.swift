/// A misbehaviour to inject for matching requests, as posted to `/_fake/faults`.
struct Fault: Sendable {
    var method: String?
    /// An exact path, or a prefix when it ends in `*`; compared before percent-decoding.
    var path: String
    var status: Int?
    var body: String?
    var contentType: String?
    var latencyMilliseconds = 0
    var close = false
    var truncate = false
    var endless = false
    /// How many more requests it applies to; nil means forever.
    var remaining: Int?

    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method { return false }
        if self.path.hasSuffix("*") { return path.hasPrefix(self.path.dropLast()) }
        return path == self.path
    }

    /// Whether it replaces the normal answer instead of only delaying or cutting it.
    var replacesAnswer: Bool { status != nil || body != nil }

    /// The answer a replacing fault sends: its body verbatim or a standard error body.
    var response: HTTPResponse {
        let code = status ?? 200
        var response: HTTPResponse
        if let body {
            response = HTTPResponse(status: code, body: Array(body.utf8))
        } else if code >= 400 {
            response = APIFailure.standard(status: code).response
        } else {
            response = HTTPResponse.json(.object([]), status: code)
        }
        if let contentType { response.contentType = contentType }
        return response
    }
}
