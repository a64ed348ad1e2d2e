/// Reads successive requests from one connection, keeping bytes that arrive early.
struct HTTPRequestReader {
    /// Why the input is not a request this server can read.
    enum Failure: Error {
        case malformed
        case headersTooLarge
        case lengthRequired
    }

    private static let maximumHeaderBytes = 65536
    private static let maximumBodyBytes = 8 << 20

    private let connection: SocketConnection
    private var buffer: [UInt8] = []

    init(connection: SocketConnection) {
        self.connection = connection
    }

    /// The next request, or nil when the peer closed the connection between requests.
    mutating func next() throws(Failure) -> HTTPRequest? {
        guard let headerEnd = try readUntilHeaderEnd() else { return nil }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        var request = try Self.parseHead(head)
        if request.header("transfer-encoding") != nil { throw .lengthRequired }
        let length = try Self.contentLength(request)
        if length > 0, request.header("expect")?.lowercased() == "100-continue" {
            connection.send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while buffer.count < length {
            guard let more = connection.receive() else { throw .malformed }
            buffer += more
        }
        request = HTTPRequest(
            method: request.method, target: request.target, version: request.version,
            headers: request.headers, body: Array(buffer[0..<length]))
        buffer.removeFirst(length)
        return request
    }

    private mutating func readUntilHeaderEnd() throws(Failure) -> Int? {
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) { return end }
            guard buffer.count < Self.maximumHeaderBytes else { throw .headersTooLarge }
            guard let more = connection.receive() else {
                if buffer.isEmpty { return nil }
                throw .malformed
            }
            buffer += more
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func parseHead(_ head: String) throws(Failure) -> HTTPRequest {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { throw .malformed }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed }
            let name = line[..<colon].trimmingSpaces
            let value = line[line.index(after: colon)...].trimmingSpaces
            headers.append((name: name, value: value))
        }
        return HTTPRequest(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]),
            headers: headers, body: [])
    }

    private static func contentLength(_ request: HTTPRequest) throws(Failure) -> Int {
        guard let text = request.header("content-length") else { return 0 }
        guard let length = Int(text), length >= 0 else { throw .malformed }
        guard length <= maximumBodyBytes else { throw .malformed }
        return length
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(
            drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
                .reversed())
    }
}
