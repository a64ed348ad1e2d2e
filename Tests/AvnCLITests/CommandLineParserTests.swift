import Testing

@testable import AvnCLI

@Suite("Command line parser")
struct CommandLineParserTests {
    private let parser = CommandLineParser(table: .avn)

    private func command(_ words: [String]) throws -> ParsedCommand {
        guard case .run(let parsed) = try parser.parse(words) else {
            Issue.record("\(words) did not parse to a command")
            throw UsageError("not a command", path: [])
        }
        return parsed
    }

    @Test func findsTheCommandAndItsValues() throws {
        let parsed = try command(["user", "login", "--tenant", "aws", "ada@example.com", "--token"])
        #expect(parsed.spec.path == ["user", "login"])
        #expect(parsed.argument("EMAIL") == "ada@example.com")
        #expect(parsed.value("tenant") == "aws")
        #expect(parsed.flag("token"))
    }

    @Test func acceptsGlobalOptionsBeforeTheCommandAndEqualsForm() throws {
        let parsed = try command(["--profile", "work", "--url=http://127.0.0.1:1", "user", "info"])
        #expect(parsed.spec.path == ["user", "info"])
        #expect(parsed.value("profile") == "work")
        #expect(parsed.value("url") == "http://127.0.0.1:1")
    }

    @Test func giveExecTheRestOfTheLineWithOrWithoutDashes() throws {
        let dashed = try command(["user", "exec", "--nest", "--", "ls", "-la"])
        #expect(dashed.rest == ["ls", "-la"])
        #expect(dashed.flag("nest"))
        let bare = try command(["user", "exec", "env", "--profile", "x"])
        #expect(bare.rest == ["env", "--profile", "x"])
        #expect(bare.value("profile") == nil)
    }

    @Test func groupsAndHelpAskForHelp() throws {
        guard case .help(let path) = try parser.parse(["user"]) else {
            Issue.record("no help")
            return
        }
        #expect(path == ["user"])
        guard case .help(let commandPath) = try parser.parse(["user", "login", "-h"]) else {
            Issue.record("no help")
            return
        }
        #expect(commandPath == ["user", "login"])
        guard case .version = try parser.parse(["--version"]) else {
            Issue.record("no version")
            return
        }
    }

    @Test(
        "rejects bad input with a usage error naming the problem",
        arguments: [
            (["user", "bogus"], "unknown command 'bogus'"),
            (["bogus"], "unknown command 'bogus'"),
            (["user", "info", "--frobnicate"], "unknown option '--frobnicate'"),
            (["user", "info", "--profile"], "option '--profile' needs a value"),
            (["user", "info", "--json=yes"], "option '--json' takes no value"),
            (["user", "rename", "only-one"], "missing argument NEW"),
            (["user", "info", "extra"], "unexpected argument 'extra'"),
            (["user", "exec"], "missing argument COMMAND"),
        ])
    func rejects(_ words: [String], message: String) {
        #expect(throws: UsageError.self) { try parser.parse(words) }
        do {
            _ = try parser.parse(words)
        } catch {
            #expect(error.message == message)
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("--help"))
        }
    }
}

@Suite("Help text")
struct HelpRendererTests {
    private let renderer = HelpRenderer(table: .avn)

    @Test(arguments: CommandTable.avn.commands.map(\.path))
    func everyCommandHasUsageAndItsOptions(_ path: [String]) throws {
        let command = try #require(CommandTable.avn.command(path))
        let text = renderer.help(for: path)
        #expect(text.contains("USAGE: avn \(path.joined(separator: " "))"))
        for option in command.options + CommandTable.avn.globalOptions {
            #expect(text.contains("--\(option.name)"))
        }
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "line too long: \(line)")
        }
    }

    @Test func groupHelpListsSubcommands() {
        let text = renderer.help(for: ["user", "access-token"])
        for word in ["create", "list", "update", "revoke"] {
            #expect(text.contains("\n  \(word) "))
        }
    }
}
