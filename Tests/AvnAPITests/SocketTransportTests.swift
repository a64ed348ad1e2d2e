import Foundation
import Testing

@testable import AvnAPI

@Suite struct SocketTransportTests {
    @Test func aRequestMakesARoundTripToALocalServer() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(
            .respond(
                rawAnswer(
                    status: "200 OK",
                    headers: ["Content-Type: application/json", "X-Request-Id: r1"],
                    body: #"{"ok": true}"#)))
        let transport = try SocketTransport(timeoutSeconds: 5)
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
        let transport = try SocketTransport(timeoutSeconds: 5)
        #expect(throws: TransportError.connectionRefused(host: "127.0.0.1")) {
            try transport.send(HTTPRequest(method: .get, path: "/v1/me"), to: server.baseURL)
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try LocalHTTPServer()
        defer { server.stop() }
        server.serveOnce(.hold)
        // Foundation on Linux counts request timeouts in whole seconds only.
        let transport = try SocketTransport(timeoutSeconds: 1)
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
        let transport = try SocketTransport(timeoutSeconds: 5)
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
            baseURL: server.baseURL, token: "tok", transport: try SocketTransport(),
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
        let transport = try SocketTransport(timeoutSeconds: 30)
        let host = try #require(URL(string: url)?.host)
        let start = Date()
        #expect(throws: TransportError.insecureURL(host: host)) {
            try transport.send(HTTPRequest(method: .get, path: "/v1/me"), to: URL(string: url)!)
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func aHeaderValueWithALineBreakIsRefusedBeforeConnecting() throws {
        let server = try LocalHTTPServer(listening: false)
        defer { server.stop() }
        let transport = try SocketTransport(timeoutSeconds: 5)
        let request = HTTPRequest(
            method: .get, path: "/v1/me",
            headers: ["authorization": "aivenv1 secret-value\r\nx-injected: 1"])
        let error = try #require(throws: TransportError.self) {
            try transport.send(request, to: server.baseURL)
        }
        #expect(error.description.contains("the authorization header holds a line break"))
        #expect(!error.description.contains("secret-value"))
    }

    @Test func anUnreadableCAFileIsRefused() {
        #expect(throws: TransportError.caFileUnreadable(path: "/nonexistent/ca.pem")) {
            try SocketTransport(caFile: "/nonexistent/ca.pem")
        }
    }

    @Test func theTimeoutIsAtLeastOneSecond() throws {
        #expect(try SocketTransport(timeoutSeconds: 0).timeoutSeconds == 1)
        #expect(try SocketTransport().timeoutSeconds == 60)
    }
}

@Suite struct ProxySettingsTests {
    private func proxy(_ environment: [String: String], for host: String = "api.aiven.io") throws
        -> ProxySettings.Endpoint?
    {
        try ProxySettings(environment: environment).proxy(for: host)
    }

    @Test func noVariableMeansNoProxy() throws {
        #expect(try proxy(["http_proxy": "http://127.0.0.1:3128"]) == nil)
        #expect(try ProxySettings.none.proxy(for: "api.aiven.io") == nil)
    }

    @Test func theLowerCaseHTTPSVariableComesFirst() throws {
        let environment = [
            "https_proxy": "http://first:8080", "HTTPS_PROXY": "http://second:8080",
            "ALL_PROXY": "http://third:8080",
        ]
        #expect(try proxy(environment)?.host == "first")
        #expect(try proxy(["ALL_PROXY": "http://third:8080"])?.host == "third")
    }

    @Test func aBareHostAndPortIsAnHTTPProxyAndThePortDefaultsTo1080() throws {
        let bare = try proxy(["HTTPS_PROXY": "proxy.example:3128"])
        #expect(bare?.host == "proxy.example")
        #expect(bare?.port == 3128)
        let portless = try proxy(["HTTPS_PROXY": "http://[::1]"])
        #expect(portless?.host == "::1")
        #expect(portless?.port == 1080)
        #expect(portless?.authorization == nil)
    }

    @Test(arguments: [
        ("api.aiven.io", true), ("API.Aiven.IO", true), ("console.aiven.io", false),
        ("internal.example.com", false), ("example.com", false), ("notexample.com", true),
        ("10.0.0.1", false),
    ])
    func noProxyListsHostsAndDomains(host: String, proxied: Bool) throws {
        let environment = [
            "HTTPS_PROXY": "http://proxy:3128",
            "no_proxy": " console.aiven.io, .example.com ,10.0.0.1,,",
            "NO_PROXY": "api.aiven.io",
        ]
        #expect((try proxy(environment, for: host) != nil) == proxied)
    }

    @Test func anAsteriskInNoProxyTurnsTheProxyOff() throws {
        #expect(try proxy(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "*"]) == nil)
    }

    @Test(arguments: [
        "https://user:secret-word@proxy:443", "socks5://user:secret-word@proxy:1080",
        "http://user:secret-word@",
    ])
    func anUnusableProxyIsRefusedWithoutRepeatingIt(value: String) throws {
        let environment = ["HTTPS_PROXY": value, "NO_PROXY": "localhost"]
        // Only a request that would use it fails.
        #expect(try proxy(environment, for: "localhost") == nil)
        let error = try #require(throws: TransportError.self) { try proxy(environment) }
        guard case .badProxy(let variable, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(variable == "HTTPS_PROXY")
        #expect(!error.description.contains("secret-word"))
        #expect(error.description.hasPrefix("unusable proxy in HTTPS_PROXY: "))
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
