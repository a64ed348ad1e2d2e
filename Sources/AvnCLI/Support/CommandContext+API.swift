import AvnAPI
import AvnVault
import FoundationEssentials

/// A client authenticated with the credentials in effect.
struct AuthenticatedClient {
    let client: AivenClient
    /// The profile whose token is used; `nil` with an explicit token.
    let profile: Profile?
    let apiURL: String
}

extension CommandContext {
    /// A client for the credentials in effect, reading the profile's token
    /// from its store.
    func authenticatedClient() throws -> AuthenticatedClient {
        switch try credentials() {
        case .explicitToken(let token, _):
            return AuthenticatedClient(
                client: try client(apiURL: loginAPIURL, token: token), profile: nil,
                apiURL: loginAPIURL)
        case .profile(let profile, _):
            let token = try usableToken(of: profile)
            let apiURL = parsed.value("url").map(Self.normalizedURL) ?? profile.apiURL
            return AuthenticatedClient(
                client: try client(apiURL: apiURL, token: token), profile: profile, apiURL: apiURL)
        }
    }

    /// The token of `profile`, or an error saying why it cannot be used.
    func usableToken(of profile: Profile) throws -> String {
        warnIfPlainText(profile.secretStore)
        return try TokenAccess.token(
            of: profile, in: profileStore().secretStore(profile.secretStore))
    }

    /// Runs an API call with the profile's token and records what it taught
    /// about the token: verified when it worked, expired (401) or revoked (403)
    /// when the server refused it.
    func call<T>(_ auth: AuthenticatedClient, _ body: (AivenClient) throws -> T) throws -> T {
        do {
            let result = try body(auth.client)
            if let profile = auth.profile { try recordVerified(profile) }
            return result
        } catch let error as APIClientError where error.isAuthFailure {
            if let profile = auth.profile {
                try? recordRefused(profile, status: error.status ?? 0)
            }
            throw error
        }
    }

    private func recordVerified(_ profile: Profile) throws {
        try profileStore().vault.write { writer in
            guard var current = try writer.profile(id: profile.id) else { return }
            let now = Date()
            current.lastUsedAt = now
            current.lastVerifiedAt = now
            if current.state == .needsLogin { current.state = .active }
            try writer.update(current)
        }
    }

    private func recordRefused(_ profile: Profile, status: Int) throws {
        try profileStore().vault.write { writer in
            guard var current = try writer.profile(id: profile.id) else { return }
            current.state = status == 401 ? .expired : .revoked
            current.lastVerifiedAt = Date()
            try writer.update(current)
        }
    }
}
