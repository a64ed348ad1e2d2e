import Testing

@testable import AvnAPI

@Suite struct HTTPResponseReaderTests {
    /// Feeds `text` in pieces of `step` bytes, then the end of the connection
    /// if no response completed before it.
    private func read(_ text: String, step: Int = .max, bodiless: Bool = false) throws
        -> HTTPResponse
    {
        var reader = HTTPResponseReader(bodiless: bodiless)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = start + min(step, bytes.count - start)
            if let response = try reader.receive(bytes[start..<end]) {
                #expect(end == bytes.count, "complete before the last byte")
                return response
            }
            start = end
        }
        return try reader.finish()
    }

    private func body(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    @Test(arguments: [1, 3, 7, .max])
    func contentLengthBodyCompletesWithoutWaitingForTheClose(step: Int) throws {
        let response = try read(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
                + "X-Request-Id:  r1 \r\n\r\n{\"ok\": true}", step: step)
        #expect(response.status == 201)
        #expect(
            response.headers == [
                "content-type": "application/json", "content-length": "12", "x-request-id": "r1",
            ])
        #expect(body(response) == "{\"ok\": true}")
    }

    @Test(arguments: [1, 5, .max])
    func chunkedBodyIsDecodedWithExtensionsAndTrailers(step: Int) throws {
        let response = try read(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nWiki\r\n6;name=value\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n"
                + "0\r\nExpires: never\r\n\r\n", step: step)
        #expect(body(response) == "Wikipedia in \r\n\r\nchunks.")
    }

    @Test func chunkedBodyWithoutTrailersEndsAtTheBlankLine() throws {
        let response = try read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(response.body.isEmpty)
    }

    @Test func interimAnswersAreSkipped() throws {
        let response = try read(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", step: 4)
        #expect(response.status == 200)
        #expect(response.headers["link"] == nil)
        #expect(body(response) == "ok")
    }

    @Test func bodyWithoutLengthRunsToTheClose() throws {
        let response = try read("HTTP/1.0 200 ok\r\nContent-Type: text/html\r\n\r\n<html>x</html>")
        #expect(response.status == 200)
        #expect(body(response) == "<html>x</html>")
    }

    @Test(arguments: [204, 304])
    func noContentAnswersHaveNoBody(status: Int) throws {
        var reader = HTTPResponseReader()
        let response = try reader.receive(Array("HTTP/1.1 \(status) X\r\n\r\n".utf8))
        #expect(response?.status == status)
        #expect(response?.body.isEmpty == true)
    }

    @Test func aProxysAnswerToConnectEndsAtItsHead() throws {
        var reader = HTTPResponseReader(bodiless: true)
        let response = try reader.receive(
            Array("HTTP/1.1 200 Connection established\r\nContent-Length: 99\r\n\r\n".utf8))
        #expect(response?.status == 200)
    }

    @Test(arguments: ["", "HTTP/1.1 200 OK\r\nContent-Le"])
    func aCloseBeforeTheWholeHeadIsNoAnswer(text: String) {
        #expect(throws: HTTPResponseReader.Failure.noAnswer) { try read(text) }
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n",
    ])
    func aCloseBeforeTheBodysEndIsTruncation(text: String) {
        #expect(throws: HTTPResponseReader.Failure.truncated) { try read(text) }
    }

    @Test(arguments: [
        "SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 700 OK\r\n\r\n",
        "HTTP/2 200\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n",
    ])
    func anythingElseIsMalformed(text: String) {
        #expect {
            try read(text)
        } throws: { error in
            guard case .malformed(let detail) = error as? HTTPResponseReader.Failure else {
                return false
            }
            return !detail.isEmpty && !detail.contains("\n")
        }
    }

    @Test func anEndlessHeadIsRefused() {
        var reader = HTTPResponseReader()
        let line = Array("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".utf8)
        #expect(throws: HTTPResponseReader.Failure.self) {
            _ = try reader.receive(Array("HTTP/1.1 200 OK\r\n".utf8))
            for _ in 0..<2_000 { _ = try reader.receive(line) }
        }
    }
}
