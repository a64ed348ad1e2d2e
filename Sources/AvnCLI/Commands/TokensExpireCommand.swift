import AvnAPI
import AvnVault

/// `avn user tokens-expire`.
enum TokensExpireCommand {
    static func run(_ context: CommandContext) throws {
        let auth = try context.authenticatedClient()
        let message = try auth.client.expireTokens()
        context.console.write((message ?? "All tokens expired") + "\n")
        FaultPoint.tokensExpireAfterServerExpire.reach()

        // Every profile of this account on this API lost its token.
        let email = try auth.profile?.email ?? auth.client.me()["user"]?.stringValue
        guard let email else { return }
        let profiles = try context.profileStore()
        let affected = try profiles.vault.read {
            try $0.profiles(email: email, apiURL: auth.apiURL)
        }
        for (profile, error) in try profiles.markAndDropTokens(affected, state: .expired) {
            context.console.log(
                .warning,
                "could not delete the expired token of profile '\(profile.name)': \(error)")
        }
    }
}
