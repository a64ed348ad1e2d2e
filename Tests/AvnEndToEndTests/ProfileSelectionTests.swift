import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("which profile a command uses")
struct ProfileSelectionTests {
    /// Four profiles of Ada, each with its own session; `current` is the vault's current one.
    static func fourProfiles() throws -> EndToEnd {
        let world = try EndToEnd()
        for name in ["opt", "env", "file", "current"] {
            try world.login(Seed.ada, "--profile", name)
        }
        return world
    }

    @Test func explicitTokenNeedsNoVault() throws {
        let world = try EndToEnd()
        let fromEnvironment = try world.avn(
            "user", "token", environment: ["AIVEN_AUTH_TOKEN": "explicit-token-1"])
        fromEnvironment.expectQuietSuccess()
        #expect(fromEnvironment.stdout == "explicit-token-1\n")

        let fromOption = try world.avn("--auth-token", "explicit-token-2", "user", "token")
        #expect(fromOption.status == 0, "\(fromOption)")
        #expect(fromOption.stdout == "explicit-token-2\n")
        #expect(fromOption.stderr.contains("WARNING"))

        let current = try world.avn(
            "user", "current", environment: ["AIVEN_AUTH_TOKEN": "explicit-token-1"])
        current.expectQuietSuccess()
        #expect(current.stdout == "no profile: the token comes from AIVEN_AUTH_TOKEN\n")
        #expect(!world.vault.exists)
        #expect(!FileManager.default.fileExists(atPath: world.folder.file("vault")))
    }

    @Test func explicitTokenBeatsEveryProfileSource() throws {
        let world = try Self.fourProfiles()
        let work = try world.makeFolder("work")
        try world.writeProfileFile("file\n", in: work)
        let result = try world.run(
            in: work, ["--profile", "opt", "user", "token"],
            environment: ["AIVEN_AUTH_TOKEN": "explicit-token-3", "AVN_PROFILE": "env"])
        result.expectQuietSuccess()
        #expect(result.stdout == "explicit-token-3\n")

        let json = try world.run(
            in: work, ["--profile", "opt", "user", "current", "--json"],
            environment: ["AIVEN_AUTH_TOKEN": "explicit-token-3"])
        json.expectQuietSuccess()
        let object = try JSONValue(parsing: json.stdout)
        #expect(object["profile"] == .null)
        #expect(object["source"]?.stringValue == "AIVEN_AUTH_TOKEN")
    }

    @Test func firstMatchWinsInTheDocumentedOrder() throws {
        let world = try Self.fourProfiles()
        let project = try world.makeFolder("src/app")
        let nested = try world.makeFolder("src/app/lib/deep")
        try world.writeProfileFile("file\n", in: project)

        let cases:
            [(
                folder: String, options: [String], env: [String: String], name: String,
                source: String
            )] = [
                (nested, ["--profile", "opt"], ["AVN_PROFILE": "env"], "opt", "--profile"),
                (nested, [], ["AVN_PROFILE": "env"], "env", "AVN_PROFILE"),
                (nested, [], [:], "file", "from .avn-profile in \(project)"),
                (project, [], [:], "file", "from .avn-profile in \(project)"),
                (world.folder.path, [], [:], "current", "the current profile"),
                (world.folder.path, [], ["AVN_PROFILE": ""], "current", "the current profile"),
            ]
        for item in cases {
            let current = try world.run(
                in: item.folder, item.options + ["user", "current"], environment: item.env)
            current.expectQuietSuccess()
            #expect(current.stdout == "\(item.name) (\(item.source))\n", "\(current)")

            let token = try world.run(
                in: item.folder, ["user", "token"] + item.options, environment: item.env,
                mayShowTokens: true)
            token.expectQuietSuccess()
            #expect(token.stdout == (try world.token(ofProfile: item.name)) + "\n", "\(item)")
        }
        #expect(try world.vault.currentProfileName() == "current")
    }

    @Test func currentJSONSaysWhy() throws {
        let world = try Self.fourProfiles()
        let chosen = try world.avn(
            "user", "current", "--json", environment: ["AVN_PROFILE": "env"])
        chosen.expectQuietSuccess()
        let object = try JSONValue(parsing: chosen.stdout)
        #expect(object["name"]?.stringValue == "env")
        #expect(object["source"]?.stringValue == "AVN_PROFILE")
        #expect(object["email"]?.stringValue == Seed.ada.email)
        #expect(
            object["token_prefix"]?.stringValue
                == String(try world.token(ofProfile: "env").prefix(12)))

        let fallback = try JSONValue(parsing: try world.avn("user", "current", "--json").stdout)
        #expect(fallback["name"]?.stringValue == "current")
        #expect(fallback["source"]?.stringValue == "the current profile")
        #expect(fallback["current"] == .bool(true))
    }

    @Test func profileFileAboveHomeIsIgnored() throws {
        let world = try Self.fourProfiles()
        let home = try world.makeFolder("home")
        let project = try world.makeFolder("home/project")
        try world.writeProfileFile("ghost\n", in: world.folder.path)

        let below = try world.run(in: project, ["user", "current"], environment: ["HOME": home])
        below.expectQuietSuccess()
        #expect(below.stdout == "current (the current profile)\n")
        let token = try world.run(
            in: project, ["user", "token"], environment: ["HOME": home], mayShowTokens: true)
        #expect(token.stdout == (try world.token(ofProfile: "current")) + "\n", "\(token)")

        try world.writeProfileFile("file\n", in: home)
        let atHome = try world.run(in: project, ["user", "current"], environment: ["HOME": home])
        #expect(atHome.stdout == "file (from .avn-profile in \(home))\n", "\(atHome)")
    }

    @Test func profileFileSkipsCommentsAndBlankLines() throws {
        let world = try Self.fourProfiles()
        let project = try world.makeFolder("project")
        try world.writeProfileFile(
            "# the account for this folder\n\n   file  \n\n# end\n", in: project)
        let result = try world.run(in: project, ["user", "current"])
        result.expectQuietSuccess()
        #expect(result.stdout == "file (from .avn-profile in \(project))\n")
        let token = try world.run(in: project, ["user", "token"], mayShowTokens: true)
        #expect(token.stdout == (try world.token(ofProfile: "file")) + "\n", "\(token)")
    }

    @Test(arguments: ["file\nenv\n", "# nothing here\n\n", ""])
    func profileFileWithoutExactlyOneNameIsAnError(contents: String) throws {
        let world = try Self.fourProfiles()
        let project = try world.makeFolder("project")
        try world.writeProfileFile(contents, in: project)
        let path = "\(project)/.avn-profile"
        for arguments in [["user", "token"], ["user", "current"], ["user", "info"]] {
            let result = try world.run(in: project, arguments)
            result.expectFailure(containing: path, "must hold exactly one profile name")
        }
    }

    @Test(arguments: ["--profile", "AVN_PROFILE", ".avn-profile"])
    func unknownNameIsAnErrorNamingItsSource(source: String) throws {
        let world = try Self.fourProfiles()
        let project = try world.makeFolder("project")
        var options: [String] = []
        var environment: [String: String] = [:]
        var expected = source
        switch source {
        case "--profile": options = ["--profile", "ghost"]
        case "AVN_PROFILE": environment["AVN_PROFILE"] = "ghost"
        default:
            try world.writeProfileFile("ghost\n", in: project)
            expected = "from .avn-profile in \(project)"
        }
        let before = try world.vault.snapshot()
        for command in [["user", "token"], ["user", "current"], ["user", "info"]] {
            let result = try world.run(
                in: project, command + options, environment: environment)
            result.expectFailure(containing: "no profile named 'ghost' (\(expected))")
        }
        #expect(try world.vault.snapshot() == before)
    }

    @Test func noProfileAtAllSaysToLogIn() throws {
        let world = try EndToEnd()
        for command in [["user", "token"], ["user", "current"]] {
            let result = try world.runner.run(command)
            world.record(result)
            result.expectFailure(containing: "not authenticated")
        }
    }

    @Test func twoShellsUseTwoAccountsAtOnce() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        try world.login(Seed.linus, "--profile", "personal", "--tenant", "gcp")
        try world.login(Seed.grace, "--profile", "other")
        let shellA = try world.makeFolder("src/work-app")
        let shellB = try world.makeFolder("src/side-project/sub")
        try world.writeProfileFile("work\n", in: shellA)
        try world.writeProfileFile("personal\n", in: world.folder.file("src/side-project"))

        let runner = world.runner
        let rounds = 8
        let collected = Locked<[(folder: String, result: AvnResult)]>([])
        DispatchQueue.concurrentPerform(iterations: 2 * rounds) { index in
            let folder = index.isMultiple(of: 2) ? shellA : shellB
            let arguments = index % 4 < 2 ? ["user", "token"] : ["user", "info", "--json"]
            let result = Result {
                try runner.run(program: runner.executable, arguments, workingDirectory: folder)
            }
            if case .success(let run) = result { collected.update { $0.append((folder, run)) } }
        }
        let runs = collected.value
        #expect(runs.count == 2 * rounds)
        for (folder, result) in runs {
            world.record(result, mayShowTokens: result.arguments == ["user", "token"])
            let expected = folder == shellA ? Seed.ada.email : Seed.linus.email
            result.expectQuietSuccess()
            if result.arguments == ["user", "token"] {
                let token = result.stdout.trimmingCharacters(in: .newlines)
                #expect(try world.owner(of: token) == expected, "\(folder)")
            } else {
                let info = try JSONValue(parsing: result.stdout)
                let user = info.arrayValue?.first?["user"] ?? info["user"]
                #expect(user?.stringValue == expected, "\(result)")
            }
        }
        #expect(try world.vault.currentProfileName() == "other")
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) {
        stored = value
    }

    var value: Value { lock.withLock { stored } }

    func update<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&stored) }
    }
}
