import AvnAPI
import AvnVault
import FoundationEssentials

/// `avn user create EMAIL [--real-name NAME]`.
enum CreateCommand {
    static func run(_ context: CommandContext) throws {
        guard let email = context.parsed.argument("EMAIL") else {
            throw UsageError("missing argument EMAIL", path: context.parsed.spec.path)
        }
        let apiURL = context.loginAPIURL
        let profiles = try context.profileStore()
        let storeKind = try context.secretStoreForNewLogin()
        let requested = context.parsed.value("profile")
        if let requested, try profiles.vault.read({ try $0.profile(named: requested) }) != nil {
            throw VaultError.profileNameTaken(requested)
        }
        let name = try ProfileNaming.newName(
            in: profiles.vault, requested: requested, email: email, apiURL: apiURL, tenant: nil)
        let password = try context.readSecret(
            what: "password", variable: "AIVEN_NEW_PASSWORD", prompt: "New Aiven password: ",
            confirm: true)

        let client = try context.client(apiURL: apiURL, token: nil)
        let grant = try client.createUser(
            email: email, password: password, realName: context.parsed.value("real-name") ?? "")
        var profile = Profile(
            name: name, email: grant.userEmail, apiURL: apiURL, loginMethod: .created,
            lastUsedAt: Date(), lastVerifiedAt: Date(), secretStore: storeKind)
        profile.expiresAt = try? TokenExpiry.lookup(
            context.client(apiURL: apiURL, token: grant.token))

        let saved: Profile
        do {
            saved = try profiles.save(profile, token: grant.token, makeCurrent: true)
        } catch {
            // The user exists, but its session is kept nowhere: end it; log in later.
            try? context.client(apiURL: apiURL, token: grant.token).revokeToken(grant.token)
            throw error
        }
        context.sweepOrphans()
        context.console.log(
            .info,
            "Created user \(saved.email); profile '\(saved.name)' is in use "
                + "(token kept in the \(saved.secretStore.rawValue) store)")
    }
}
