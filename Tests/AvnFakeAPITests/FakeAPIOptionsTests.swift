import AvnFakeAPI
import Testing

@Suite("Command-line options")
struct FakeAPIOptionsTests {
    @Test func defaultsToAnyFreePortWithoutSeedOrLatency() throws {
        #expect(try FakeAPIOptions.parse([]) == FakeAPIOptions())
    }

    @Test func readsSpacedAndEqualsForms() throws {
        let options = try FakeAPIOptions.parse(
            ["--port", "8080", "--seed=/tmp/s.json", "--latency-ms", "25"])
        let expected = FakeAPIOptions(
            port: 8080, seedPath: "/tmp/s.json", latencyMilliseconds: 25)
        #expect(options == expected)
        #expect(try FakeAPIOptions.parse(["--help"]).showHelp)
    }

    @Test(
        "rejects bad arguments",
        arguments: [
            ["--port"], ["--port", "70000"], ["--port", "x"], ["--latency-ms", "-1"],
            ["--bogus"], ["extra"], ["--seed="],
        ])
    func rejectsBadArguments(arguments: [String]) {
        #expect(throws: FakeAPIError.self) { try FakeAPIOptions.parse(arguments) }
    }

    @Test func usageDocumentsTheSeedFormat() {
        #expect(FakeAPIOptions.usage.contains(#""otp": "123456""#))
        #expect(FakeAPIOptions.usage.contains("--latency-ms N"))
    }
}
