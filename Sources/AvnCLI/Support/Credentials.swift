import AvnVault
import Glibc

/// Which credentials a command uses, and why.
enum Credentials {
    /// A token given directly (`--auth-token` or `AIVEN_AUTH_TOKEN`); no vault involved.
    case explicitToken(String, source: String)
    /// A vault profile, chosen by `source`.
    case profile(Profile, source: String)
}

extension CommandContext {
    /// The credentials in effect: an explicit token, else the selected profile.
    ///
    /// - Throws: when a named profile does not exist (naming where the name
    ///   came from), or when nothing is selected and no profile is current.
    func credentials() throws -> Credentials {
        if let token = parsed.value("auth-token") {
            console.log(
                .warning,
                "a token given with --auth-token can be read by other local users; "
                    + "prefer AIVEN_AUTH_TOKEN or the vault")
            return .explicitToken(token, source: "--auth-token")
        }
        if let token = environment["AIVEN_AUTH_TOKEN"], !token.isEmpty {
            return .explicitToken(token, source: "AIVEN_AUTH_TOKEN")
        }
        let (profile, source) = try selectedProfile()
        return .profile(profile, source: source)
    }

    /// The vault profile in effect and where it was chosen.
    func selectedProfile() throws -> (Profile, String) {
        // A vault that does not exist has no profiles; it is not created just
        // to find that out.
        if !hasOpenedVault, access(try vaultPath(), F_OK) != 0 {
            throw ProfileSelection.Failure.notAuthenticated
        }
        return try ProfileSelection.select(
            in: profileStore().vault, option: parsed.value("profile"), environment: environment,
            workingDirectory: workingDirectory)
    }
}
