import AvnTestSupport
import Foundation
import Testing

@Suite("avn-fake-api executable")
struct ExecutableTests {
    /// The built executable, which sits in the same products folder as the test bundle.
    private static func executable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("avn-fake-api") }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "avn-fake-api is not built next to the tests")
    }

    @Test func printsItsBaseURLFirstAndServes() throws {
        let seedFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("fake-seed-\(UUID().uuidString).json")
        try Data(#"{"users": [{"email": "a@example.com", "password": "pw-123456"}]}"#.utf8)
            .write(to: seedFile)
        defer { try? FileManager.default.removeItem(at: seedFile) }

        let process = ChildProcess()
        process.executableURL = try Self.executable()
        process.arguments = ["--port", "0", "--seed", seedFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let firstLine = String(text.prefix { $0 != "\n" })
        #expect(firstLine.wholeMatch(of: /http:\/\/127\.0\.0\.1:\d+/) != nil)
        let port = try #require(UInt16(firstLine.split(separator: ":").last ?? ""))
        let response = try RawHTTPConnection(port: port).request(
            "POST", "/v1/userauth", body: #"{"email": "a@example.com", "password": "pw-123456"}"#)
        #expect(response.status == 200)
    }

    @Test func exitsWith2AndOneErrorLineOnBadArguments() throws {
        let process = ChildProcess()
        process.executableURL = try Self.executable()
        process.arguments = ["--port", "nope"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(text.split(separator: "\n").count == 1)
    }
}
