import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user import")
struct ImportTests {
    /// The official client's credentials file for `token`.
    static func credentials(_ token: String, email: String?) -> String {
        var members: [(key: String, value: JSONValue)] = [("auth_token", .string(token))]
        if let email { members.append(("user_email", .string(email))) }
        return JSONValue.object(members).compactText
    }

    @Test func goodFileBecomesTheCurrentProfileAndStays() throws {
        let world = try EndToEnd()
        try world.login(Seed.linus, "--tenant", "gcp")
        let token = try world.outsideSession(Seed.ada)
        let path = try world.folder.write(
            Self.credentials(token, email: Seed.ada.email), to: "aiven-credentials.json")

        let result = try world.avn("user", "import", path)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains(
                "Imported ada@example.com from \(path) as profile "
                    + "'ada@example.com'"), "\(result)")
        #expect(result.stderr.contains("still holds the token in plain text"))
        let profile = try world.profile(Seed.ada.email)
        #expect(profile.loginMethod == .token)
        #expect(profile.apiURL == world.fake.url)
        #expect(profile.secretStore == .keyring)
        #expect(try world.token(ofProfile: Seed.ada.email) == token)
        #expect(try world.vault.currentProfileName() == Seed.ada.email)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try world.serverAccepts(token))
    }

    @Test func deleteSourceRemovesTheFile() throws {
        let world = try EndToEnd()
        let token = try world.outsideSession(Seed.ada)
        let folder = try world.makeFolder(".config/aiven")
        let path = "\(folder)/aiven-credentials.json"
        try Data(Self.credentials(token, email: nil).utf8).write(to: URL(fileURLWithPath: path))

        let result = try world.avn("user", "import", "--delete-source", "--profile", "imported")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("Deleted \(path)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try world.token(ofProfile: "imported") == token)
        #expect(try world.profile("imported").email == Seed.ada.email)
    }

    static let refusedFiles: [(name: String, contents: String?, message: String)] = [
        ("garbage.json", "this is { not json", "is not a credentials file"),
        ("empty.json", "", "is not a credentials file"),
        ("no-token.json", #"{"user_email": "ada@example.com"}"#, #"no usable "auth_token""#),
        ("spaced.json", #"{"auth_token": "two words"}"#, #"no usable "auth_token""#),
        ("missing.json", nil, "cannot read"),
    ]

    @Test(arguments: refusedFiles)
    func unusableFileChangesNothing(name: String, contents: String?, message: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.linus, "--tenant", "gcp")
        let path = world.folder.file(name)
        if let contents { try world.folder.write(contents, to: name) }
        let before = try world.vault.snapshot()
        let result = try world.avn("user", "import", path)
        result.expectFailure(containing: path, message)
        #expect(try world.vault.snapshot() == before)
        #expect(FileManager.default.fileExists(atPath: path) == (contents != nil))
    }

    /// Tests run as root, which reads a mode-000 file anyway; a folder in the
    /// file's place is what cannot be read.
    @Test func unreadablePathChangesNothing() throws {
        let world = try EndToEnd()
        let path = try world.makeFolder("a-folder.json")
        let result = try world.avn("user", "import", path, "--delete-source")
        result.expectFailure(containing: "cannot read \(path)")
        #expect(try world.vault.profiles().isEmpty)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func tokenTheServerRefusesChangesNothing() throws {
        let world = try EndToEnd()
        try world.login(Seed.linus, "--tenant", "gcp")
        let stale = try world.outsideSession(Seed.ada)
        try world.callAPI(.post, "/v1/me/logout", as: stale)
        let path = try world.folder.write(
            Self.credentials(stale, email: Seed.ada.email), to: "aiven-credentials.json")
        let before = try world.vault.snapshot()

        let result = try world.avn("user", "import", path, "--delete-source")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("status 40"), "\(result)")
        #expect(try world.vault.snapshot() == before)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func fileNamingAnotherAccountIsRefused() throws {
        let world = try EndToEnd()
        let token = try world.outsideSession(Seed.ada)
        let path = try world.folder.write(
            Self.credentials(token, email: Seed.linus.email), to: "aiven-credentials.json")
        let result = try world.avn("user", "import", path)
        result.expectFailure(
            containing: "says the token belongs to linus@example.com but the API says "
                + "ada@example.com")
        #expect(try world.vault.profiles().isEmpty)
    }
}
