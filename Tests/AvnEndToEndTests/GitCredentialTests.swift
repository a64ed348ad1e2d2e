import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("git-credential-avn with git")
struct GitCredentialTests {
    /// The environment for git: no system or user configuration, no prompts.
    static let gitEnvironment = [
        "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "GIT_ASKPASS": "",
        "SSH_ASKPASS": "",
    ]

    /// `git credential ACTION` with avn's helper, for `server`, in `folder`.
    static func git(
        _ world: EndToEnd, _ action: String, server: FakeAPIProcess, extra: String = "",
        in folder: String? = nil, environment: [String: String] = [:]
    ) throws -> AvnResult {
        let helper = try BuiltProducts.gitCredentialHelper()
        let host = String(server.url.dropFirst("http://".count))
        return try world.run(
            in: folder ?? world.folder.path, program: "/usr/bin/git",
            ["-c", "credential.helper=\(helper)", "credential", action],
            stdin: "protocol=http\nhost=\(host)\n\(extra)\n",
            environment: gitEnvironment.merging(environment) { $1 }, mayShowTokens: true)
    }

    /// The `key=value` lines git printed.
    static func fields(_ result: AvnResult) -> [String: String] {
        var fields: [String: String] = [:]
        for line in result.stdoutLines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return fields
    }

    @Test func eachHostGetsItsOwnAccount() throws {
        let world = try EndToEnd()
        let other = try FakeAPIProcess(
            seedJSON: Seed.json, seedPath: world.folder.file("second-seed.json"))
        defer { other.stop() }
        try world.login(Seed.ada, "--profile", "work")
        let login = try world.runner.run(
            ["user", "login", Seed.linus.email, "--profile", "home", "--tenant", "gcp"],
            stdin: Seed.linus.password + "\n", environment: ["AIVEN_WEB_URL": other.url])
        world.record(login)
        #expect(login.status == 0, "\(login)")

        for (server, email, name) in [
            (world.fake, Seed.ada.email, "work"),
            (other, Seed.linus.email, "home"),
        ] {
            let result = try Self.git(world, "fill", server: server)
            #expect(result.status == 0, "\(result)")
            let fields = Self.fields(result)
            #expect(fields["protocol"] == "http")
            #expect(fields["host"] == String(server.url.dropFirst("http://".count)))
            #expect(fields["username"] == email)
            #expect(fields["password"] == (try world.token(ofProfile: name)))
            #expect(try world.owner(of: fields["password"] ?? "", on: server) == email)
        }
    }

    @Test func selectionRulesChooseAmongProfilesOfOneHost() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.grace, "--profile", "home")
        try world.login(Seed.ada, "--profile", "spare")
        let project = try world.makeFolder("project/sub")
        try world.writeProfileFile("home\n", in: world.folder.file("project"))

        let cases: [(String?, [String: String], String)] = [
            (nil, [:], "spare"),
            (nil, ["AVN_PROFILE": "work"], "work"),
            (project, [:], "home"),
            (project, ["AVN_PROFILE": "work"], "work"),
        ]
        for (folder, environment, expected) in cases {
            let result = try Self.git(
                world, "fill", server: world.fake, in: folder, environment: environment)
            #expect(result.status == 0, "\(result)")
            let profile = try world.profile(expected)
            #expect(Self.fields(result)["username"] == profile.email, "\(expected)")
            #expect(
                Self.fields(result)["password"] == (try world.token(ofProfile: expected)),
                "\(expected)")
        }
    }

    @Test func unknownHostGetsNothingFromAvn() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let helper = try BuiltProducts.gitCredentialHelper()
        let direct = try world.run(
            in: world.folder.path, program: helper, ["get"],
            stdin: "protocol=http\nhost=127.0.0.1:1\n\n")
        direct.expectQuietSuccess()
        #expect(direct.stdout.isEmpty)

        let wrongScheme = try world.run(
            in: world.folder.path, program: helper, ["get"],
            stdin: "protocol=https\nhost=\(world.fake.url.dropFirst("http://".count))\n\n")
        wrongScheme.expectQuietSuccess()
        #expect(wrongScheme.stdout.isEmpty)

        let viaGit = try world.run(
            in: world.folder.path, program: "/usr/bin/git",
            ["-c", "credential.helper=\(helper)", "credential", "fill"],
            stdin: "protocol=http\nhost=127.0.0.1:1\n\n", environment: Self.gitEnvironment)
        #expect(viaGit.status != 0, "\(viaGit)")
        #expect(Self.fields(viaGit)["password"] == nil)
        #expect(!viaGit.stdout.contains("password="))
    }

    @Test func inactiveProfilesAreNotOffered() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        try world.avn("user", "tokens-expire").expectQuietSuccess()
        let helper = try BuiltProducts.gitCredentialHelper()
        let result = try world.run(
            in: world.folder.path, program: helper, ["get"],
            stdin: "protocol=http\nhost=\(world.fake.url.dropFirst("http://".count))\n\n")
        result.expectQuietSuccess()
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: ["reject", "approve"])
    func rejectAndApproveNeverTouchTheVault(action: String) throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        let token = try world.token(ofProfile: "work")
        let before = try world.vault.snapshot()
        let result = try Self.git(
            world, action, server: world.fake,
            extra: "username=\(Seed.ada.email)\npassword=\(token)\n")
        #expect(result.status == 0, "\(result)")
        #expect(try world.vault.snapshot() == before)
        #expect(try world.vault.keyringItemCount(profileID: try world.profile("work").id) == 1)

        let fill = try Self.git(world, "fill", server: world.fake)
        #expect(Self.fields(fill)["password"] == token)
    }
}
