/// Reads one HTTP/1.1 response from a connection's bytes as they arrive.
///
/// Handles what an API server may send: interim `1xx` answers (skipped), a
/// body framed by `Content-Length`, by chunked transfer coding, or by the end
/// of the connection, and no body for `204` and `304`.
struct HTTPResponseReader {
    enum Failure: Error, Equatable {
        /// The connection ended before a whole status line and header block.
        case noAnswer
        /// The connection ended before the body's announced end.
        case truncated
        /// Bytes that are not an HTTP/1.x response.
        case malformed(String)
    }

    /// The largest header block and body accepted.
    static let headLimit = 64 * 1024
    static let bodyLimit = 64 * 1024 * 1024

    private enum Framing: Equatable {
        case length(Int)
        case chunked
        case untilClose
    }

    private struct Head {
        var status: Int
        var headers: [String: String]
        var framing: Framing
    }

    /// Whether the answer has no body whatever its headers say, as a
    /// proxy's answer to `CONNECT`.
    private let bodiless: Bool
    private var bytes: [UInt8] = []
    private var head: Head?
    /// Where the body starts in `bytes`, once the head is read.
    private var bodyStart = 0
    /// Where the search for the end of the head goes on, so that bytes
    /// arriving one by one are not searched again and again.
    private var headSearch = 0
    /// For a chunked body: the chunks decoded so far, and where the next
    /// chunk's size line starts in `bytes`.
    private var chunks: [UInt8] = []
    private var nextChunk: Int?

    init(bodiless: Bool = false) {
        self.bodiless = bodiless
    }

    /// Takes the next bytes; returns the response once it is complete.
    mutating func receive(_ data: some Sequence<UInt8>) throws(Failure) -> HTTPResponse? {
        bytes.append(contentsOf: data)
        while head == nil {
            guard let end = Self.endOfHead(in: bytes, from: max(bodyStart, headSearch)) else {
                if bytes.count - bodyStart > Self.headLimit {
                    throw .malformed("a header block longer than \(Self.headLimit) bytes")
                }
                headSearch = max(bodyStart, bytes.count - 3)
                return nil
            }
            var parsed = try Self.parseHead(bytes[bodyStart..<end - 4])
            if bodiless { parsed.framing = .length(0) }
            bodyStart = end
            headSearch = end
            // An interim answer ("100 Continue", "103 Early Hints"): the real one follows.
            if (100..<200).contains(parsed.status) { continue }
            head = parsed
        }
        return try completeResponse(atClose: false)
    }

    /// The response when the connection has ended.
    mutating func finish() throws(Failure) -> HTTPResponse {
        guard head != nil else { throw .noAnswer }
        guard let response = try completeResponse(atClose: true) else { throw .truncated }
        return response
    }

    /// Overwrites every byte received, which may include a token.
    mutating func wipe() {
        AvnAPI.wipe(&bytes)
        AvnAPI.wipe(&chunks)
    }

    private mutating func completeResponse(atClose: Bool) throws(Failure) -> HTTPResponse? {
        guard let head else { return nil }
        let body = bytes[bodyStart...]
        if body.count > Self.bodyLimit {
            throw .malformed("a body longer than \(Self.bodyLimit) bytes")
        }
        let content: [UInt8]
        switch head.framing {
        case .length(let length):
            guard body.count >= length else { return nil }
            content = Array(body.prefix(length))
        case .chunked:
            guard try decodeChunks() else { return nil }
            content = chunks
        case .untilClose:
            guard atClose else { return nil }
            content = Array(body)
        }
        return HTTPResponse(status: head.status, headers: head.headers, body: content)
    }

    /// The index just past the blank line that ends a head starting at `start`.
    private static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count - start >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13
                && bytes[index + 3] == 10
            {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(_ block: ArraySlice<UInt8>) throws(Failure) -> Head {
        let text = String(decoding: block, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let statusLine = lines.popFirst() else { throw .malformed("no status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            let status = Int(parts[1]), (100..<600).contains(status)
        else {
            throw .malformed("an answer that does not start with an HTTP/1.x status line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformed("a header line without a colon")
            }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingWhitespace()
        }
        return Head(status: status, headers: headers, framing: try framing(status, headers))
    }

    private static func framing(_ status: Int, _ headers: [String: String]) throws(Failure)
        -> Framing
    {
        if status == 204 || status == 304 { return .length(0) }
        if let coding = headers["transfer-encoding"] {
            guard coding.lowercased().hasSuffix("chunked") else {
                throw .malformed("a transfer coding other than chunked")
            }
            return .chunked
        }
        if let length = headers["content-length"] {
            guard !length.isEmpty, length.utf8.allSatisfy({ (48...57).contains($0) }),
                let value = Int(length)
            else {
                throw .malformed("an invalid Content-Length")
            }
            return .length(value)
        }
        return .untilClose
    }

    /// Decodes the chunks that have arrived whole into `chunks`; true once
    /// the last chunk and the trailer fields after it are in. Extensions and
    /// trailer fields are read and dropped.
    private mutating func decodeChunks() throws(Failure) -> Bool {
        var index = nextChunk ?? bodyStart
        // Only whole chunks move the cursor; a partial one is read again later.
        defer { nextChunk = index }
        while true {
            guard let lineEnd = Self.lineEnd(in: bytes, from: index) else { return false }
            let line = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
            let digits = line.split(separator: ";", maxSplits: 1).first ?? ""
            guard let size = Int(digits.trimmingWhitespace(), radix: 16), size >= 0,
                size <= Self.bodyLimit
            else {
                throw .malformed("an invalid chunk size line")
            }
            let data = lineEnd + 2
            if size == 0 {
                // Trailer fields, if any, then a blank line.
                var trailer = data
                while true {
                    guard let end = Self.lineEnd(in: bytes, from: trailer) else { return false }
                    if end == trailer { return true }
                    trailer = end + 2
                }
            }
            guard bytes.count - data >= size + 2 else { return false }
            guard bytes[data + size] == 13, bytes[data + size + 1] == 10 else {
                throw .malformed("a chunk that does not end with CRLF")
            }
            chunks.append(contentsOf: bytes[data..<data + size])
            index = data + size + 2
        }
    }

    /// The index of the next CRLF at or after `start`.
    private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
