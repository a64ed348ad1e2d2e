import FoundationEssentials

/// Reading a profile's token for use, with the checks every caller shares:
/// the `token` helper, `exec`, git's credential helper and the API commands.
public enum TokenAccess {
    /// Why a profile's token cannot be used; one line saying what to do.
    public struct Unavailable: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Days before expiry from which callers warn, unless `AVN_EXPIRY_WARNING_DAYS` says.
    public static let defaultWarningDays = 7.0

    /// The token of `profile` from `store`.
    ///
    /// - Throws: `Unavailable` when the profile is expired or revoked or its
    ///   store has no token for it; `SecretStoreError` when the store fails.
    public static func token(of profile: Profile, in store: any SecretStore) throws -> String {
        switch profile.state {
        case .expired, .revoked:
            throw Unavailable(
                description: "the token of profile '\(profile.name)' is "
                    + "\(profile.state.displayName); log in again with "
                    + "'avn user login --profile \(profile.name)'")
        case .active, .needsLogin:
            break
        }
        guard let token = try store.lookup(profileID: profile.id) else {
            throw Unavailable(
                description: "profile '\(profile.name)' has no token in the "
                    + "\(profile.secretStore.rawValue) store (it needs login); log in again with "
                    + "'avn user login --profile \(profile.name)'")
        }
        return token
    }

    /// The token of `profile` for a helper to print, with the warnings due on
    /// standard error: the plain-text store, and an expiry within the window
    /// (the vault's setting is read only when the profile has an expiry).
    public static func helperToken(
        of profile: Profile, in store: any SecretStore, vault: Vault,
        environment: [String: String]
    ) throws -> (token: String, warnings: [String]) {
        var warnings: [String] = []
        if profile.secretStore == .file { warnings.append(plainTextWarning) }
        let token = try token(of: profile, in: store)
        if profile.expiresAt != nil {
            let window = try vault.read { try $0.setting(VaultSettings.expiryWarningDays) }
            if let warning = expiryWarning(for: profile, environment: environment, setting: window)
            {
                warnings.append(warning)
            }
        }
        return (token, warnings)
    }

    /// A warning when the profile's token expires within the window, else `nil`.
    ///
    /// The window is `AVN_EXPIRY_WARNING_DAYS`, else the vault's
    /// `expiry-warning-days` setting, else 7 days. The stored expiry is a lower
    /// bound for tokens that are extended when used, so this warns and never
    /// refuses.
    public static func expiryWarning(
        for profile: Profile, environment: [String: String], setting: String?,
        now: Date = Date()
    ) -> String? {
        guard let expiry = profile.expiresAt else { return nil }
        let days =
            environment["AVN_EXPIRY_WARNING_DAYS"].flatMap(Double.init)
            ?? setting.flatMap(Double.init) ?? defaultWarningDays
        guard expiry.timeIntervalSince(now) < days * 86_400 else { return nil }
        let when = expiry.formatted(.iso8601)
        let verb = expiry <= now ? "expired" : "expires"
        return "the token of profile '\(profile.name)' \(verb) at \(when) unless it was extended "
            + "by use; run 'avn user status' to check, or log in again"
    }

    /// The plain-text warning due every time a token goes to or comes from the file store.
    public static let plainTextWarning =
        "this token is kept in plain text in the file store (readable by anyone who can read "
        + "your files); prefer the keyring where one is available"
}
