import AvnFakeAPI
import Foundation
import Testing

@Suite("HTTP transport")
struct HTTPTransportTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    @Test func acceptsOctetStreamWithAnEmptyBody() throws {
        let token = try fixture.login()
        let headers = ["Content-Type": "application/octet-stream", "Content-Length": "0"]
        let me = try fixture.call("GET", "/v1/me", token: token, headers: headers)
        #expect(me.status == 200)
        let expired = try fixture.call(
            "POST", "/v1/me/expire_tokens", token: token, body: "", headers: headers)
        #expect(expired.status == 200)
        #expect(expired.message == "All tokens expired")
    }

    @Test func ignoresUnknownQueryParametersOnGetAndPost() throws {
        let token = try fixture.login()
        #expect(try fixture.call("GET", "/v1/me?limit=999", token: token).status == 200)
        let created = try fixture.call(
            "POST", "/v1/access_token?limit=999", token: token, body: #"{"description": "q"}"#)
        #expect(created.status == 200)
    }

    @Test func servesTwoRequestsOnOneConnection() throws {
        let token = try fixture.login()
        let connection = try RawHTTPConnection(port: fixture.server.port)
        let headers = ["Authorization": "aivenv1 \(token)"]
        let first = try connection.request("GET", "/v1/me", headers: headers)
        let second = try connection.request("GET", "/v1/project", headers: headers)
        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(try second.json()["projects"] != nil)
        #expect(!connection.peerClosed)
    }

    @Test func answersWithExactJSONContentTypeAndLength() throws {
        let response = try fixture.call("GET", "/v1/me")
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("content-length") == String(response.body.count))
    }

    @Test func answersAnUnknownPathWith404JSON() throws {
        let response = try fixture.call("GET", "/v1/nothing/here")
        #expect(response.status == 404)
        #expect(response.message == "Not found")
        let errors = try #require(try response.json()["errors"] as? [[String: Any]])
        #expect(errors.first?["status"] as? Int == 404)
    }

    @Test func answersAWrongMethodWith405() throws {
        let response = try fixture.call("DELETE", "/v1/me")
        #expect(response.status == 405)
        #expect(response.message == "Method not allowed")
    }

    @Test func answersMalformedJSONWith400() throws {
        let response = try fixture.call("POST", "/v1/userauth", body: "{not json")
        #expect(response.status == 400)
    }

    @Test func answersAMalformedRequestLineWith400AndCloses() throws {
        let connection = try RawHTTPConnection(port: fixture.server.port)
        try connection.sendRaw("NONSENSE\r\n\r\n")
        let response = try #require(try connection.readResponse())
        #expect(response.status == 400)
        #expect(response.header("connection") == "close")
    }
}
