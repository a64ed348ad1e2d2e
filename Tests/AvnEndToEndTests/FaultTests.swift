import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("API failures")
struct FaultTests {
    static let infoFaults: [(FakeFault, String)] = [
        (FakeFault(path: "/v1/me", status: 500), "Internal server error (status 500)"),
        (FakeFault(path: "/v1/me", status: 502), "Bad gateway (status 502)"),
        (FakeFault(path: "/v1/me", status: 503), "Service unavailable (status 503)"),
        (FakeFault(path: "/v1/me", status: 429), "Rate limit 120 exceeded - try again in 28s"),
        (
            FakeFault(path: "/v1/me", status: 500, body: "oops", contentType: "text/html"),
            "command failed: oops (status 500)"
        ),
        (
            FakeFault(
                path: "/v1/me", status: 200, body: "{not json",
                contentType: "application/json"), "is not JSON"
        ),
        (FakeFault(path: "/v1/me", truncate: true), "cut off"),
        (
            FakeFault(
                path: "/v1/me", status: 200, body: "<html>maintenance</html>",
                contentType: "text/html"), "is not JSON"
        ),
    ]

    @Test(arguments: infoFaults)
    func failedInfoIsOneLineAndChangesNothing(fault: FakeFault, message: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        try world.fake.addFault(fault)
        let result = try world.avn("user", "info")
        result.expectFailure(containing: message)
        #expect(try world.vault.snapshot() == before)
    }

    @Test func connectionClosedWithoutAnswerIsRetriedThenReported() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        try world.fake.addFault(FakeFault(path: "/v1/me", close: true))
        let result = try world.avn("user", "info")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderrLines
        #expect(
            lines.last?.hasPrefix(
                "ERROR\tcommand failed: the connection to 127.0.0.1 "
                    + "closed before a complete answer arrived") == true, "\(result)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("WARNING\tGET /v1/me failed: ") })
        #expect(try world.vault.snapshot() == before)
    }

    @Test func closedConnectionOnceIsRetriedSuccessfully() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.fake.addFault(FakeFault(path: "/v1/me", close: true, times: 1))
        let result = try world.avn("user", "info")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == InfoTests.expectedTable(Seed.ada))
        #expect(result.stderrLines.count == 1)
    }

    @Test func slowServerTimesOut() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        try world.fake.addFault(FakeFault(path: "/v1/me", latencyMilliseconds: 3000))
        let start = Date()
        let result = try world.avn("--request-timeout", "1", "user", "info")
        result.expectFailure(containing: "no complete answer from the server within 1 seconds")
        #expect(Date().timeIntervalSince(start) < 2.8)
        #expect(try world.vault.snapshot() == before)
    }

    @Test func endlessBodyTimesOut() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        try world.fake.addFault(FakeFault(path: "/v1/me", endless: true))
        let start = Date()
        let result = try world.avn("--request-timeout", "1", "user", "info")
        result.expectFailure(containing: "no complete answer from the server within 1 seconds")
        #expect(Date().timeIntervalSince(start) < 2.8)
        #expect(try world.vault.snapshot() == before)
    }

    @Test func endlessTwoFactorDemandsStopAfterOneRetry() throws {
        let world = try EndToEnd()
        try world.fake.addFault(FakeFault(path: "/v1/userauth", status: 510))
        let result = try world.avn(
            "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n123456\n")
        result.expectFailure(containing: "(status 510)")
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func refusedConnection() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        world.stopServer()
        let result = try world.avn("user", "info")
        #expect(result.status == 1)
        #expect(result.stderrLines.last?.contains("connection refused") == true, "\(result)")
        #expect(result.stderrLines.dropLast().allSatisfy { $0.hasPrefix("WARNING\t") })
        #expect(try world.vault.snapshot() == before)
    }

    @Test func invalidTimeoutIsAUsageError() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let result = try world.avn("--request-timeout", "0", "user", "info")
        result.expectUsageError(containing: "--request-timeout needs a whole number")
    }

    static let loginFaults: [(FakeFault, String)] = [
        (FakeFault(path: "/v1/userauth", status: 500), "Internal server error (status 500)"),
        (
            FakeFault(path: "/v1/userauth", status: 503, body: "oops", contentType: "text/html"),
            "oops (status 503)"
        ),
        (
            FakeFault(
                path: "/v1/userauth", status: 200, body: "[]",
                contentType: "application/json"), "POST /v1/userauth"
        ),
        (FakeFault(path: "/v1/userauth", close: true), "closed"),
    ]

    @Test(arguments: loginFaults)
    func failedLoginKeepsNothing(fault: FakeFault, message: String) throws {
        let world = try EndToEnd()
        try world.fake.addFault(fault)
        let result = try world.avn("user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        result.expectFailure(containing: message)
        #expect(try world.vault.profiles().isEmpty)
    }
}

extension FakeFault: CustomTestStringConvertible {
    public var testDescription: String {
        "\(method ?? "*") \(path) status=\(status.map(String.init) ?? "-") "
            + "close=\(close) truncate=\(truncate)"
    }
}
