import AvnAPI
import Foundation
import Testing

@Suite struct CurlTransportTests {
    @Test func aRequestMakesARoundTripToALocalServer() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(
            .respond(
                rawAnswer(
                    status: "200 OK",
                    headers: ["Content-Type: application/json", "X-Request-Id: r1"],
                    body: #"{"ok": true}"#)))
        let transport = try CurlTransport(timeoutSeconds: 5)
        let request = HTTPRequest(
            method: .put, path: "/v1/access_token/a%2Bb%2Fc%3D",
            headers: ["authorization": "aivenv1 abc", "content-type": "application/json"],
            body: Array(#"{"description":"d"}"#.utf8))

        let response = try transport.send(request, to: server.baseURL)

        #expect(response.status == 200)
        #expect(response.headers["x-request-id"] == "r1")
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok": true}"#)
        let seen = server.request
        #expect(seen.hasPrefix("PUT /v1/access_token/a%2Bb%2Fc%3D HTTP/1.1\r\n"))
        #expect(seen.lowercased().contains("authorization: aivenv1 abc\r\n"))
        #expect(seen.hasSuffix(#"{"description":"d"}"#))
    }

    @Test func aClosedPortGivesConnectionRefused() throws {
        let server = try LocalHTTPServer(listening: false)
        defer { server.stop() }
        let transport = try CurlTransport(timeoutSeconds: 5)
        #expect(throws: TransportError.connectionRefused(host: "127.0.0.1")) {
            try transport.send(HTTPRequest(method: .get, path: "/v1/me"), to: server.baseURL)
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(.hold)
        // Foundation on Linux counts request timeouts in whole seconds only.
        let transport = try CurlTransport(timeoutSeconds: 1)
        let start = Date()
        #expect(throws: TransportError.timedOut(seconds: 1)) {
            try transport.send(HTTPRequest(method: .get, path: "/v1/me"), to: server.baseURL)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aRedirectIsReturnedNotFollowed() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(
            .respond(
                rawAnswer(
                    status: "302 Found", headers: ["Location: http://127.0.0.1:9/elsewhere"],
                    body: "")))
        let transport = try CurlTransport(timeoutSeconds: 5)
        let response = try transport.send(
            HTTPRequest(method: .get, path: "/v1/me"), to: server.baseURL)
        #expect(response.status == 302)
        #expect(response.headers["location"] == "http://127.0.0.1:9/elsewhere")
    }

    @Test func aNonJSONSuccessBodyIsAnInvalidResponse() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(.respond(rawAnswer(status: "200 OK", body: "<html>proxy page</html>")))
        let client = AivenClient(
            baseURL: server.baseURL, token: "tok", transport: try CurlTransport(),
            userAgent: "avn-test")
        let error = try #require(throws: APIClientError.self) { try client.projects() }
        guard case .invalidResponse(let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(detail.hasPrefix("the server's answer to GET /v1/project is not JSON"))
    }

    @Test(arguments: ["http://192.0.2.1", "http://192.0.2.1:8080/base", "http://example.com"])
    func plainHTTPToAnotherHostIsRefusedBeforeConnecting(url: String) throws {
        // 192.0.2.0/24 is reserved for documentation: no traffic could ever succeed.
        let transport = try CurlTransport(timeoutSeconds: 30)
        let host = try #require(URL(string: url)?.host)
        let start = Date()
        #expect(throws: TransportError.insecureURL(host: host)) {
            try transport.send(HTTPRequest(method: .get, path: "/v1/me"), to: URL(string: url)!)
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func anUnreadableCAFileIsRefused() {
        #expect(throws: TransportError.caFileUnreadable(path: "/nonexistent/ca.pem")) {
            try CurlTransport(caFile: "/nonexistent/ca.pem")
        }
    }

    @Test func theTimeoutIsAtLeastOneSecond() throws {
        #expect(try CurlTransport(timeoutSeconds: 0).timeoutSeconds == 1)
        #expect(try CurlTransport().timeoutSeconds == 60)
    }
}

@Suite struct URLSecurityPolicyTests {
    @Test(arguments: [
        "localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "::1", "[::1]",
        "0:0:0:0:0:0:0:1",
    ])
    func loopbackHostsAreRecognised(host: String) {
        #expect(URLSecurityPolicy.isLoopback(host))
    }

    @Test(arguments: [
        "192.0.2.1", "128.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "127.1",
        "0x7f.0.0.1", "::2", "::ffff:127.0.0.1", "example.com", "",
    ])
    func otherHostsAreNotLoopback(host: String) {
        #expect(!URLSecurityPolicy.isLoopback(host))
    }

    @Test(arguments: ["https://api.aiven.io", "http://localhost:8080", "http://127.0.0.1:1/x"])
    func acceptedBaseURLs(url: String) throws {
        try URLSecurityPolicy.check(try #require(URL(string: url)))
    }

    @Test func otherSchemesAreRefused() throws {
        let url = try #require(URL(string: "ftp://api.aiven.io"))
        #expect(throws: TransportError.unsupportedURL(detail: "ftp scheme")) {
            try URLSecurityPolicy.check(url)
        }
    }
}
