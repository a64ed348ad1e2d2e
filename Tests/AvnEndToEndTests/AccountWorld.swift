import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

/// Helpers shared by the multi-account tests: runs in other folders, other
/// programs, and the server's view of tokens and sessions.
extension EndToEnd {
    /// Creates `relative` (and its parents) inside the test folder and returns its path.
    func makeFolder(_ relative: String) throws -> String {
        let path = folder.file(relative)
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes a `.avn-profile` holding `text` into `folderPath`.
    func writeProfileFile(_ text: String, in folderPath: String) throws {
        try Data(text.utf8).write(
            to: URL(fileURLWithPath: "\(folderPath)/\(ProfileSelection.fileName)"))
    }

    /// Runs `avn` (or another program) in `workingDirectory` and records it.
    @discardableResult
    func run(
        in workingDirectory: String, program: String? = nil, _ arguments: [String],
        stdin: String? = nil, environment: [String: String] = [:], removing: [String] = [],
        mayShowTokens: Bool = false
    ) throws -> AvnResult {
        let result = try runner.run(
            program: program ?? runner.executable, arguments, stdin: stdin,
            environment: environment, removing: removing, workingDirectory: workingDirectory)
        record(result, mayShowTokens: mayShowTokens)
        return result
    }

    /// The account the server issued `token` to.
    func owner(of token: String, on server: FakeAPIProcess? = nil) throws -> String? {
        try (server ?? fake).token(token)?["user"]?.stringValue
    }

    /// A fresh session of `account` made directly with the server, outside avn.
    func outsideSession(_ account: Seed.Account, on server: FakeAPIProcess? = nil) throws
        -> String
    {
        var body: [(key: String, value: JSONValue)] = [
            ("email", .string(account.email)), ("password", .string(account.password)),
        ]
        if let otp = account.otp { body.append(("otp", .string(otp))) }
        let answer = try (server ?? fake).admin(.post, "/v1/userauth", body: .object(body))
        return try #require(answer["token"]?.stringValue)
    }

    /// Calls the API as `token` would, outside avn.
    @discardableResult
    func callAPI(_ method: HTTPMethod, _ path: String, as token: String) throws -> JSONValue {
        try fake.admin(method, path, headers: ["authorization": "aivenv1 \(token)"])
    }
}

extension AvnResult {
    /// The lines of stdout.
    var stdoutLines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
