import AvnAPI
import AvnVault

/// `avn user logout [--no-token-revoke]`.
enum LogoutCommand {
    static func run(_ context: CommandContext) throws {
        switch try context.credentials() {
        case .explicitToken(let token, _):
            // Not from the vault: there is nothing local to forget.
            if !context.parsed.flag("no-token-revoke") {
                try context.client(apiURL: context.loginAPIURL, token: token).revokeToken(token)
            }
        case .profile(let profile, _):
            try forget(profile, context: context, revoke: !context.parsed.flag("no-token-revoke"))
        }
    }

    /// Revokes the profile's token on the server, then deletes the profile and
    /// its token. When the server cannot confirm, nothing local is removed.
    static func forget(_ profile: Profile, context: CommandContext, revoke: Bool) throws {
        let profiles = try context.profileStore()
        if revoke, let token = try? profiles.token(for: profile) {
            do {
                try context.client(apiURL: profile.apiURL, token: token).revokeToken(token)
            } catch let error as APIClientError where error.isAuthFailure {
                // Already invalid on the server: the local copy goes anyway.
            } catch {
                throw CLIError(
                    "could not revoke the token of profile '\(profile.name)': \(error); "
                        + "nothing was removed locally. Retry, or use --no-token-revoke")
            }
            FaultPoint.forgetAfterRevoke.reach()
        }
        for (_, error) in try profiles.remove([profile]) {
            context.console.log(
                .warning,
                "profile '\(profile.name)' is gone but its token could not be deleted from the "
                    + "\(profile.secretStore.rawValue) store: \(error)")
        }
    }
}
