import AvnAPI
import AvnVault
import FoundationEssentials

/// `avn user login [EMAIL] [--token] [--tenant T] [--profile NAME]`.
enum LoginCommand {
    static func run(_ context: CommandContext) throws {
        let apiURL = context.loginAPIURL
        let tenant = context.parsed.value("tenant")
        // Settle the store before the server makes a session nobody would keep.
        let storeKind = try context.secretStoreForNewLogin()
        let grant: (token: String, email: String, method: LoginMethod)
        if context.parsed.flag("token") {
            grant = try tokenLogin(context, apiURL: apiURL)
        } else {
            grant = try passwordLogin(context, apiURL: apiURL, tenant: tenant)
        }
        FaultPoint.loginAfterServerLogin.reach()

        let profiles = try context.profileStore()
        let existing = try ProfileNaming.profileToReplace(
            in: profiles.vault, requestedName: context.parsed.value("profile"),
            email: grant.email, apiURL: apiURL, tenant: tenant)
        let name =
            try existing?.name
            ?? ProfileNaming.newName(
                in: profiles.vault, requested: context.parsed.value("profile"),
                email: grant.email, apiURL: apiURL, tenant: tenant)

        var profile = Profile(
            id: existing?.id ?? Profile.newID(), name: name, email: grant.email, apiURL: apiURL,
            tenant: tenant, loginMethod: grant.method, createdAt: existing?.createdAt ?? Date(),
            lastUsedAt: Date(), lastVerifiedAt: Date(), secretStore: storeKind)
        profile.expiresAt = try? TokenExpiry.lookup(
            context.client(apiURL: apiURL, token: grant.token))
        var oldToken: String?
        if let existing { oldToken = try? profiles.token(for: existing) }
        FaultPoint.loginBeforeSave.reach()

        let saved: Profile
        do {
            saved = try profiles.save(profile, token: grant.token, makeCurrent: true)
        } catch {
            // Nothing was kept: end the new session rather than leave it live.
            if grant.method == .password {
                try? context.client(apiURL: apiURL, token: grant.token).revokeToken(grant.token)
            }
            throw error
        }
        FaultPoint.loginAfterSave.reach()
        // Only a session made by a password login is ours to end; a personal
        // token the user pasted may be in use elsewhere.
        if let oldToken, oldToken != grant.token, existing?.loginMethod != .token {
            revokeReplaced(oldToken, context: context, apiURL: existing?.apiURL ?? apiURL)
        }
        FaultPoint.loginAfterRevokeReplaced.reach()
        context.sweepOrphans()
        context.console.log(
            .info,
            "Logged in as \(saved.email); profile '\(saved.name)' is in use "
                + "(token kept in the \(saved.secretStore.rawValue) store)")
    }

    private static func passwordLogin(
        _ context: CommandContext, apiURL: String, tenant: String?
    ) throws -> (token: String, email: String, method: LoginMethod) {
        let email = try context.parsed.argument("EMAIL") ?? emailFromPrompt(context)
        let password = try context.readSecret(
            what: "password", variable: "AIVEN_PASSWORD", prompt: "\(email)'s Aiven password: ")
        let client = try context.client(apiURL: apiURL, token: nil)
        let grant = try loginAskingForOTP(
            client, email: email, password: password, tenant: tenant, context: context)
        return (grant.token, grant.userEmail, .password)
    }

    /// Logs in, asking for the two-factor code when the server answers 510.
    /// Unlike the official client, the retry keeps the tenant.
    private static func loginAskingForOTP(
        _ client: AivenClient, email: String, password: String, tenant: String?,
        context: CommandContext
    ) throws -> SessionGrant {
        let first = Result { () throws(APIClientError) -> SessionGrant in
            try client.login(email: email, password: password, tenant: tenant)
        }
        guard case .failure(let error) = first, error.isOTPRequired else { return try first.get() }

        let otp = try context.readAnswer(
            what: "two-factor authentication code", prompt: "Two-factor authentication OTP: ")
        return try client.login(email: email, password: password, otp: otp, tenant: tenant)
    }

    private static func emailFromPrompt(_ context: CommandContext) throws -> String {
        guard context.console.inputIsTerminal else {
            throw UsageError(
                "missing argument EMAIL (it is asked for only on a terminal)",
                path: context.parsed.spec.path)
        }
        return try context.readAnswer(what: "email", prompt: "Username (email): ")
    }

    /// Checks a pre-created token with `GET /v1/me` before anything is kept.
    private static func tokenLogin(
        _ context: CommandContext, apiURL: String
    ) throws -> (token: String, email: String, method: LoginMethod) {
        let token = try context.readSecret(
            what: "token", variable: "AIVEN_AUTH_TOKEN", prompt: "Token: ")
        let user = try context.client(apiURL: apiURL, token: token).me()
        guard let email = user["user"]?.stringValue else {
            throw CLIError("the API's answer to GET /v1/me names no user; nothing was kept")
        }
        if let given = context.parsed.argument("EMAIL"), given != email {
            throw CLIError(
                "the token belongs to \(email), not \(given); nothing was kept")
        }
        return (token, email, .token)
    }

    /// Revokes the session a new login replaced. The new token is already
    /// committed, so a failure here only leaves the old session to expire.
    private static func revokeReplaced(_ token: String, context: CommandContext, apiURL: String) {
        do {
            try context.client(apiURL: apiURL, token: token).revokeToken(token)
        } catch let error as APIClientError where error.isAuthFailure {
            return  // already invalid
        } catch {
            context.console.log(
                .warning, "could not revoke the replaced session token: \(error)")
        }
    }
}
