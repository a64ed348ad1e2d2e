import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("Secrets on disk and in logs")
struct SecretsTests {
    @Test func vaultFilesHoldNoTokenAndArePrivate() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.login(Seed.ada, "--profile", "second")
        try world.avn("user", "info")
        let tokens = [
            try world.token(ofProfile: Seed.ada.email), try world.token(ofProfile: "second"),
        ]
        let path = world.vault.path
        var seenEmail = false
        let suffixes = ["", "-wal", "-shm"].filter {
            FileManager.default.fileExists(atPath: path + $0)
        }
        for suffix in suffixes {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
            for token in tokens {
                #expect(bytes.range(of: Data(token.utf8)) == nil, "token in vault\(suffix)")
            }
            #expect(bytes.range(of: Data(Seed.ada.password.utf8)) == nil)
            if bytes.range(of: Data(Seed.ada.email.utf8)) != nil { seenEmail = true }
            #expect(try ScratchFolder.mode(of: path + suffix) == 0o600, "vault\(suffix)")
        }
        #expect(seenEmail, "the profiles were not found in the vault files")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try ScratchFolder.mode(of: folder) == 0o700)
    }

    @Test func showHTTPPrintsTrafficButNoSecret() throws {
        let world = try EndToEnd()
        let login = try world.avn(
            "--show-http", "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        #expect(login.status == 0, "\(login)")
        #expect(login.stdout.isEmpty)
        #expect(login.stderr.contains("> POST \(world.fake.url)/v1/userauth"))
        #expect(login.stderr.contains("< HTTP 200"))
        #expect(login.stderr.contains("\"password\":\"<redacted>\""))

        let info = try world.avn("--show-http", "user", "info")
        #expect(info.status == 0, "\(info)")
        #expect(info.stderr.contains("> GET \(world.fake.url)/v1/me"))
        #expect(info.stderr.contains("authorization: aivenv1 <redacted>"))
        #expect(info.stdout == InfoTests.expectedTable(Seed.ada))

        let created = try world.avn(
            "--show-http", "user", "access-token", "create", "--description", "x", "--json",
            mayShowTokens: true)
        let full = try #require(
            try JSONValue(parsing: created.stdout).arrayValue?.first?[
                "full_token"]?.stringValue)
        #expect(!created.stderr.contains(full))
        #expect(!created.stderr.contains(try world.token(ofProfile: Seed.ada.email)))

        let logout = try world.avn("--show-http", "user", "logout")
        #expect(logout.status == 0, "\(logout)")
        #expect(logout.stderr.contains("> DELETE \(world.fake.url)/v1/access_token/"))
    }

    @Test func leakCheckSeesAPrintedToken() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let token = try world.token(ofProfile: Seed.ada.email)
        let result = try world.runner.run(
            ["user", "info"], environment: ["AIVEN_AUTH_TOKEN": token])
        // The harness must notice a token in output; feed it one on purpose.
        let leaked = AvnResult(
            arguments: result.arguments, stdout: result.stdout + token, stderr: result.stderr,
            status: result.status, timedOut: false)
        #expect(world.secretsPrinted(by: leaked))
        #expect(!world.secretsPrinted(by: result))
    }
}
