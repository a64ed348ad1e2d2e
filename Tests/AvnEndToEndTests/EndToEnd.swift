import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

/// The accounts every stand-in starts with.
enum Seed {
    static let ada = Account(
        email: "ada@example.com", password: "correct-horse-battery", realName: "Ada Lovelace",
        projects: ["dev-sandbox", "prod-env"])
    static let grace = Account(
        email: "grace@example.com", password: "grace-pass-123", realName: "Grace Hopper",
        projects: [], otp: "123456")
    static let linus = Account(
        email: "linus@example.com", password: "linus-pass-456", realName: "Linus",
        projects: ["kernel"], tenant: "gcp")

    static let all = [ada, grace, linus]

    static var json: String {
        let users = all.map { account in
            var user: [(key: String, value: JSONValue)] = [
                ("email", .string(account.email)), ("password", .string(account.password)),
                ("real_name", .string(account.realName)),
                ("projects", .array(account.projects.map(JSONValue.string))),
            ]
            if let otp = account.otp { user.append(("otp", .string(otp))) }
            if let tenant = account.tenant { user.append(("tenant", .string(tenant))) }
            return JSONValue.object(user)
        }
        return JSONValue.dictionary(["users": .array(users)]).compactText
    }

    struct Account {
        let email: String
        let password: String
        let realName: String
        let projects: [String]
        var otp: String?
        var tenant: String?
    }
}

/// One test's world: a private folder and vault, its own stand-in server, and
/// a transcript of every avn run.
///
/// On deinit it deletes the keyring items of every profile seen, and records an
/// issue for any run that printed a password or a full token without being
/// expected to.
final class EndToEnd {
    let folder: ScratchFolder
    let fake: FakeAPIProcess
    let runner: AvnRunner
    let vault: VaultInspector
    private(set) var transcript: [(result: AvnResult, mayShowTokens: Bool)] = []
    private var seenProfileIDs: Set<String> = []
    private var knownTokens: Set<String> = []
    /// Passwords used in the test besides the seed's; never to be printed.
    var extraPasswords: [String] = []

    init() throws {
        folder = try ScratchFolder(prefix: "avn-e2e")
        fake = try FakeAPIProcess(seedJSON: Seed.json, seedPath: folder.file("seed.json"))
        runner = try AvnRunner(folder: folder.path, apiURL: fake.url)
        vault = VaultInspector(path: runner.vaultPath)
    }

    deinit {
        collectTokens()
        fake.stop()
        if let ids = try? vault.profiles().map(\.id) { seenProfileIDs.formUnion(ids) }
        vault.deleteKeyringItems(profileIDs: seenProfileIDs)
        checkNoSecretsPrinted()
    }

    /// Runs avn; `mayShowTokens` exempts a run whose job is to print a token.
    @discardableResult
    func avn(
        _ arguments: String..., stdin: String? = nil, environment: [String: String] = [:],
        mayShowTokens: Bool = false
    ) throws -> AvnResult {
        let result = try runner.run(arguments, stdin: stdin, environment: environment)
        transcript.append((result, mayShowTokens))
        if let ids = try? vault.profiles().map(\.id) { seenProfileIDs.formUnion(ids) }
        return result
    }

    /// Adds a run made directly with the runner to the transcript.
    func record(_ result: AvnResult, mayShowTokens: Bool = false) {
        transcript.append((result, mayShowTokens))
        if let ids = try? vault.profiles().map(\.id) { seenProfileIDs.formUnion(ids) }
    }

    /// Logs in to a seed account with its password on standard input.
    @discardableResult
    func login(
        _ account: Seed.Account, _ extra: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> AvnResult {
        var input = account.password + "\n"
        if let otp = account.otp { input += otp + "\n" }
        let result = try runner.run(["user", "login", account.email] + extra, stdin: input)
        transcript.append((result, false))
        if let ids = try? vault.profiles().map(\.id) { seenProfileIDs.formUnion(ids) }
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// The profile named `name`, which must exist.
    func profile(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Profile
    {
        try #require(try vault.profile(named: name), sourceLocation: sourceLocation)
    }

    /// The keyring token of the profile named `name`, which must exist.
    func token(ofProfile name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        let profile = try self.profile(name, sourceLocation: sourceLocation)
        return try #require(
            try vault.keyringToken(profileID: profile.id), sourceLocation: sourceLocation)
    }

    /// The server's record of a full token.
    func serverToken(_ full: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> JSONValue
    {
        try #require(try fake.token(full), sourceLocation: sourceLocation)
    }

    /// Whether the server still accepts `token`.
    func serverAccepts(_ token: String) throws -> Bool {
        let record = try serverToken(token)
        return record["revoked"] == .bool(false) && record["expired"] == .bool(false)
    }

    /// Stops the stand-in, first noting the tokens it issued for the leak check.
    func stopServer() {
        collectTokens()
        fake.stop()
    }

    private func collectTokens() {
        guard fake.isRunning, let tokens = try? fake.tokens() else { return }
        knownTokens.formUnion(tokens.compactMap { $0["token"]?.stringValue })
    }

    /// Whether `result` shows a password or a token the server issued so far.
    func secretsPrinted(by result: AvnResult) -> Bool {
        collectTokens()
        let secrets = Seed.all.map(\.password) + extraPasswords + Array(knownTokens)
        return secrets.contains { result.allOutput.contains($0) }
    }

    private func checkNoSecretsPrinted() {
        let passwords = Seed.all.map(\.password) + extraPasswords
        for (result, mayShowTokens) in transcript {
            let secrets = passwords + (mayShowTokens ? [] : Array(knownTokens))
            for secret in secrets where result.allOutput.contains(secret) {
                Issue.record("a password or token was printed by: \(result)")
            }
        }
    }
}

extension AvnResult {
    /// Exit 1 with exactly one `ERROR\tcommand failed: ...` line on stderr.
    func expectFailure(
        containing fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(status == 1, "\(self)", sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, "\(self)", sourceLocation: sourceLocation)
        #expect(stderrLines.count == 1, "\(self)", sourceLocation: sourceLocation)
        #expect(
            stderr.hasPrefix("ERROR\tcommand failed: "), "\(self)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(stderr.contains(fragment), "\(self)", sourceLocation: sourceLocation)
        }
    }

    /// Exit 2 with one usage line naming the problem and the help to read.
    func expectUsageError(
        containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(status == 2, "\(self)", sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, "\(self)", sourceLocation: sourceLocation)
        #expect(stderrLines.count == 1, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.contains(fragment), "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.contains("--help"), "\(self)", sourceLocation: sourceLocation)
    }

    /// Exit 0 with nothing on stderr.
    func expectQuietSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty, "\(self)", sourceLocation: sourceLocation)
    }
}
