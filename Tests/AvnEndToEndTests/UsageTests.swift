import AvnTestSupport
import Foundation
import Testing

@Suite("Global options and usage")
struct UsageTests {
    static let commands = [
        "user create", "user login", "user info", "user logout", "user tokens-expire",
        "user password-change", "user access-token create", "user access-token list",
        "user access-token update", "user access-token revoke",
    ]

    @Test func versionPrintsTheVersionOnly() throws {
        let world = try EndToEnd()
        let result = try world.avn("--version")
        result.expectQuietSuccess()
        #expect(result.stdout == "avn 0.1.0\n")
        #expect(!world.vault.exists)
    }

    @Test(arguments: [[], ["--help"], ["-h"]])
    func topLevelHelpListsTheUserGroup(arguments: [String]) throws {
        let world = try EndToEnd()
        let result = try world.runner.run(arguments)
        result.expectQuietSuccess()
        #expect(result.stdout.contains("USAGE: avn <subcommand>"))
        #expect(result.stdout.contains("\n  user "))
        #expect(result.stdout.contains("--request-timeout SECONDS"))
        #expect(!world.vault.exists)
    }

    @Test(arguments: [["user"], ["user", "--help"]])
    func userGroupHelpListsItsCommands(arguments: [String]) throws {
        let world = try EndToEnd()
        let result = try world.runner.run(arguments)
        result.expectQuietSuccess()
        #expect(result.stdout.contains("USAGE: avn user <subcommand>"))
        for name in [
            "create", "login", "info", "logout", "tokens-expire", "password-change",
            "access-token",
        ] {
            #expect(result.stdout.contains("  \(name) "), "\(name) missing")
        }
    }

    @Test func accessTokenGroupAloneShowsItsHelp() throws {
        let world = try EndToEnd()
        let result = try world.avn("user", "access-token")
        result.expectQuietSuccess()
        #expect(result.stdout.contains("USAGE: avn user access-token <subcommand>"))
    }

    @Test(arguments: commands)
    func everyCommandHasHelp(command: String) throws {
        let world = try EndToEnd()
        let words = command.split(separator: " ").map(String.init)
        let result = try world.runner.run(words + ["--help"])
        result.expectQuietSuccess()
        #expect(result.stdout.contains("USAGE: avn \(command)"), "\(result)")
        #expect(result.stdout.contains("OVERVIEW: "))
        #expect(!world.vault.exists)
    }

    static let usageErrors: [([String], String)] = [
        (["bogus"], "unknown command 'bogus'"),
        (["user", "bogus"], "unknown command 'bogus'"),
        (["user", "info", "--bogus"], "unknown option '--bogus'"),
        (["--bogus", "user", "info"], "unknown option '--bogus'"),
        (["user", "info", "--profile"], "option '--profile' needs a value"),
        (["user", "create"], "missing argument EMAIL"),
        (["user", "login"], "missing argument EMAIL"),
        (["user", "access-token", "revoke"], "missing argument TOKEN_PREFIX"),
        (["user", "access-token", "update", "abc"], "--description is required"),
        (["user", "access-token", "create"], "--description is required"),
        (
            ["user", "access-token", "create", "--description", "x", "--max-age-seconds", "ten"],
            "--max-age-seconds needs a whole number"
        ),
        (["user", "info", "extra"], "extra"),
    ]

    @Test(arguments: usageErrors)
    func usageErrorsExitTwoWithOneLine(arguments: [String], problem: String) throws {
        let world = try EndToEnd()
        let result = try world.runner.run(arguments)
        result.expectUsageError(containing: problem)
        #expect(result.stderr.hasPrefix("avn"), "\(result)")
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func commandsNeedALoginFirst() throws {
        let world = try EndToEnd()
        let result = try world.avn("user", "info")
        result.expectFailure(
            containing: "not authenticated: please login first with 'avn user login'")
    }
}
