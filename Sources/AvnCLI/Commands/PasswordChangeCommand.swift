import AvnAPI
import AvnVault
import FoundationEssentials

/// `avn user password-change`.
enum PasswordChangeCommand {
    static func run(_ context: CommandContext) throws {
        let auth = try context.authenticatedClient()
        let current = try context.readSecret(
            what: "current password", variable: nil, prompt: "Current password: ")
        let new = try context.readSecret(
            what: "new password", variable: "AIVEN_NEW_PASSWORD", prompt: "New password: ",
            confirm: true)

        // Not through `call`: a 403 here means a wrong current password, not a bad token.
        let token = try auth.client.changePassword(current: current, new: new)
        guard let profile = auth.profile else {
            context.console.write("Password changed.\n")
            return
        }

        // The server expired every older token of the account.
        let profiles = try context.profileStore()
        let others = try profiles.vault.read {
            try $0.profiles(email: profile.email, apiURL: profile.apiURL)
        }.filter { $0.id != profile.id }
        if let token {
            var updated = profile
            updated.lastVerifiedAt = Date()
            updated.expiresAt = try? TokenExpiry.lookup(
                context.client(apiURL: auth.apiURL, token: token))
            try profiles.save(updated, token: token, makeCurrent: false)
        } else {
            try profiles.markAndDropTokens([profile], state: .expired)
        }
        try profiles.markAndDropTokens(others, state: .expired)
        context.console.write(
            token == nil
                ? "Password changed. Log in again with 'avn user login'.\n"
                : "Password changed. Profile '\(profile.name)' keeps working with the new "
                    + "session.\n")
    }
}
