import AvnAPI
import AvnVault
import FoundationEssentials

/// Runs avn: parses argv, runs the command, and turns every failure into one
/// line on stderr and an exit status (0 success, 1 failure, 2 usage error).
public enum CommandRunner {
    static let handlers: [[String]: @Sendable (CommandContext) throws -> Void] = [
        ["user", "create"]: CreateCommand.run,
        ["user", "login"]: LoginCommand.run,
        ["user", "info"]: InfoCommand.run,
        ["user", "logout"]: LogoutCommand.run,
        ["user", "tokens-expire"]: TokensExpireCommand.run,
        ["user", "password-change"]: PasswordChangeCommand.run,
        ["user", "access-token", "create"]: AccessTokenCommands.create,
        ["user", "access-token", "list"]: AccessTokenCommands.list,
        ["user", "access-token", "update"]: AccessTokenCommands.update,
        ["user", "access-token", "revoke"]: AccessTokenCommands.revoke,
        ["user", "profiles"]: ProfileCommands.list,
        ["user", "current"]: ProfileCommands.current,
        ["user", "switch"]: ProfileCommands.switchTo,
        ["user", "rename"]: ProfileCommands.rename,
        ["user", "remove"]: ProfileCommands.remove,
        ["user", "token"]: TokenCommands.token,
        ["user", "exec"]: TokenCommands.exec,
        ["user", "status"]: StatusCommand.run,
        ["user", "import"]: ImportCommand.run,
        ["user", "doctor"]: DoctorCommand.run,
        ["user", "migrate-secrets"]: MigrateSecretsCommand.run,
        ["config", "get"]: ConfigCommands.get,
        ["config", "set"]: ConfigCommands.set,
        ["config", "unset"]: ConfigCommands.unset,
        ["completion"]: printCompletion,
    ]

    public static func run(
        _ arguments: [String], environment: [String: String], console: any Console,
        dependencies: Dependencies, workingDirectory: String
    ) -> Int32 {
        let table = CommandTable.avn
        do {
            switch try CommandLineParser(table: table).parse(arguments) {
            case .version:
                console.write("avn \(avnVersion)\n")
            case .help(let path):
                console.write(HelpRenderer(table: table).help(for: path))
            case .run(let parsed):
                guard let handler = handlers[parsed.spec.path] else {
                    throw CLIError("the command '\(parsed.spec.displayName)' is not available")
                }
                let context = CommandContext(
                    parsed: parsed, environment: environment, console: console,
                    dependencies: dependencies, workingDirectory: workingDirectory)
                try handler(context)
            }
            return 0
        } catch let status as ExitStatus {
            return status.code
        } catch let error as UsageError {
            console.writeError("\(error)\n")
            return 2
        } catch {
            console.log(.error, "command failed: \(oneLine(error))")
            return 1
        }
    }

    private static func printCompletion(_ context: CommandContext) throws {
        let scripts = CompletionScripts(table: CommandTable.avn)
        switch context.parsed.argument("SHELL") {
        case "bash": context.console.write(scripts.bash())
        case "zsh": context.console.write(scripts.zsh())
        case "fish": context.console.write(scripts.fish())
        case let other:
            throw UsageError(
                "unknown shell '\(other ?? "")'; choose bash, zsh or fish",
                path: context.parsed.spec.path)
        }
    }

    /// An error as a single line, whatever it is.
    static func oneLine(_ error: any Error) -> String {
        String(describing: error)
            .split(whereSeparator: \.isNewline)
            .joined(separator: " ")
    }
}
