import AvnFakeAPI
import Foundation
import Testing

@Suite("Fault injection")
struct FaultTests {
    let fixture: FakeServerFixture

    init() throws {
        fixture = try FakeServerFixture()
    }

    private func inject(_ body: String) throws {
        #expect(try fixture.call("POST", "/_fake/faults", body: body).status == 200)
    }

    @Test func aStatusFaultAnswersWithTheStandardErrorForItsCount() throws {
        try inject(#"{"path": "/v1/me", "status": 500, "times": 1}"#)
        let faulted = try fixture.call("GET", "/v1/me")
        #expect(faulted.status == 500)
        #expect(faulted.message == "Internal server error")
        #expect(faulted.header("content-type") == "application/json")
        #expect(try fixture.call("GET", "/v1/me").status == 403)
    }

    @Test func a429WithoutBodyUsesTheRateLimitMessage() throws {
        try inject(#"{"method": "GET", "path": "/v1/project", "status": 429}"#)
        let response = try fixture.call("GET", "/v1/project")
        #expect(response.status == 429)
        #expect(
            response.message?.hasPrefix(
                "The user has sent too many requests in a given amount of time: Rate limit") == true
        )
        #expect(try fixture.call("GET", "/v1/project").status == 429)
    }

    @Test func aBodyFaultSendsItsTextAndContentTypeVerbatim() throws {
        try inject(
            #"{"path": "/v1/me", "status": 502, "body": "<h1>oops</h1>", "#
                + #""content_type": "text/html"}"#)
        let response = try fixture.call("GET", "/v1/me")
        #expect(response.status == 502)
        #expect(response.text == "<h1>oops</h1>")
        #expect(response.header("content-type") == "text/html")
    }

    @Test func aFaultForOneMethodLeavesOthersAlone() throws {
        try inject(#"{"method": "POST", "path": "/v1/me", "status": 500}"#)
        #expect(try fixture.call("GET", "/v1/me").status == 403)
    }

    @Test func aCloseFaultDropsTheConnectionWithoutAnswer() throws {
        try inject(#"{"path": "/v1/me", "close": true}"#)
        let connection = try RawHTTPConnection(port: fixture.server.port)
        try connection.sendRaw("GET /v1/me HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try connection.readResponse() == nil)
        #expect(connection.peerClosed)
    }

    @Test func aTruncateFaultSendsHalfTheAnnouncedBody() throws {
        try inject(#"{"path": "/v1/userauth", "truncate": true}"#)
        let response = try fixture.call(
            "POST", "/v1/userauth",
            body: #"{"email": "john.doe@example.com", "password": "s3cret-pass"}"#)
        #expect(response.status == 200)
        #expect(!response.complete)
        let announced = try #require(Int(response.header("content-length") ?? ""))
        #expect(response.body.count == announced / 2)
    }

    @Test func anEndlessFaultNeverFinishesItsBody() throws {
        try inject(#"{"path": "/v1/me", "endless": true}"#)
        let connection = try RawHTTPConnection(port: fixture.server.port)
        try connection.sendRaw("GET /v1/me HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try #require(try connection.readResponse(chunkedLimit: 600))
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.body.count >= 600)
        #expect(!connection.peerClosed)
        #expect(!response.text.contains("0\r\n\r\n"))
    }

    @Test func aLatencyFaultDelaysTheNormalAnswer() throws {
        try inject(#"{"path": "/v1/me", "latency_ms": 300}"#)
        let start = Date()
        let response = try fixture.call("GET", "/v1/me")
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(response.status == 403)
    }

    @Test func aTrailingStarMatchesAPathPrefix() throws {
        try inject(#"{"path": "/v1/access_token/*", "status": 503}"#)
        #expect(try fixture.call("DELETE", "/v1/access_token/abc").status == 503)
        #expect(try fixture.call("GET", "/v1/access_token").status == 403)
    }

    @Test func deletingFaultsRestoresNormalAnswers() throws {
        try inject(#"{"path": "/v1/me", "status": 500}"#)
        #expect(try fixture.call("DELETE", "/_fake/faults").status == 200)
        #expect(try fixture.call("GET", "/v1/me").status == 403)
    }

    @Test func rejectsAFaultWithoutPath() throws {
        #expect(try fixture.call("POST", "/_fake/faults", body: #"{"status": 500}"#).status == 400)
    }

    @Test func theLatencyOptionDelaysEveryAPIRequest() throws {
        let slow = try FakeServerFixture(latencyMilliseconds: 250)
        let start = Date()
        #expect(try slow.call("GET", "/v1/me").status == 403)
        #expect(Date().timeIntervalSince(start) >= 0.25)
    }
}
