/// A response ready to be written: status, extra headers and body bytes.
struct HTTPResponse: Sendable {
    var status: Int
    var contentType: String = "application/json"
    var extraHeaders: [(name: String, value: String)] = []
    var body: [UInt8]

    /// A JSON response with the given status.
    static func json(_ value: FakeJSON, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(value.text.utf8))
    }

    /// The status line and headers, with a Content-Length for the whole body.
    func head(closing: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
        text += "Content-Type: \(contentType)\r\n"
        text += "Content-Length: \(body.count)\r\n"
        for header in extraHeaders {
            text += "\(header.name): \(header.value)\r\n"
        }
        text += closing ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        return Array((text + "\r\n").utf8)
    }
}
