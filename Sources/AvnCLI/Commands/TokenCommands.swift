import AvnVault
import FoundationEssentials
import Glibc

/// `avn user token` and `avn user exec`: the token for other programs.
enum TokenCommands {
    static func token(_ context: CommandContext) throws {
        let (token, _) = try resolve(context)
        context.console.write(token + "\n")
    }

    static func exec(_ context: CommandContext) throws {
        let command = context.parsed.rest
        guard let program = command.first else {
            throw UsageError("missing COMMAND to run", path: context.parsed.spec.path)
        }
        if let outer = context.environment["AVN_PROFILE_IN_USE"], !outer.isEmpty,
            !context.parsed.flag("nest")
        {
            throw CLIError(
                "already inside 'avn user exec' for profile '\(outer)'; use --nest to run "
                    + "another one inside it")
        }

        let (token, profile) = try resolve(context)
        setenv("AIVEN_AUTH_TOKEN", token, 1)
        setenv("AIVEN_TOKEN", token, 1)
        setenv("AIVEN_WEB_URL", profile?.apiURL ?? context.loginAPIURL, 1)
        setenv("AVN_PROFILE_IN_USE", profile?.name ?? "AIVEN_AUTH_TOKEN", 1)

        // avn ignores SIGPIPE for itself; the command gets the default back,
        // as an ignored signal would survive the exec.
        signal(SIGPIPE, SIG_DFL)
        var arguments = command.map { strdup($0) }
        arguments.append(nil)
        execvp(program, arguments)

        // Only reached when the exec failed; exit as a shell would.
        let reason = errno
        context.console.writeError(
            "avn user exec: \(program): \(String(cString: strerror(reason)))\n")
        throw ExitStatus(code: reason == ENOENT ? 127 : 126)
    }

    /// The token in effect, checked against what the vault knows; no network.
    private static func resolve(_ context: CommandContext) throws -> (String, Profile?) {
        switch try context.credentials() {
        case .explicitToken(let token, _):
            return (token, nil)
        case .profile(let profile, _):
            let store = try context.profileStore()
            let (token, warnings) = try TokenAccess.helperToken(
                of: profile, in: store.secretStore(profile.secretStore), vault: store.vault,
                environment: context.environment)
            for warning in warnings { context.console.log(.warning, warning) }
            return (token, profile)
        }
    }
}
