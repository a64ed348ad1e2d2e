import AvnAPI
import AvnVault
import FoundationEssentials

/// Names for new profiles, and which profile a login replaces.
enum ProfileNaming {
    /// The profile a login updates: the one named with `--profile`, else the
    /// one already holding this account (email, API URL and tenant).
    static func profileToReplace(
        in vault: Vault, requestedName: String?, email: String, apiURL: String, tenant: String?
    ) throws -> Profile? {
        try vault.read { reader in
            if let requestedName { return try reader.profile(named: requestedName) }
            return try reader.profiles(email: email, apiURL: apiURL)
                .first { $0.tenant == tenant }
        }
    }

    /// The requested name, else the email, else the email with the API host
    /// (and tenant) when another account already has the plain email.
    static func newName(
        in vault: Vault, requested: String?, email: String, apiURL: String, tenant: String?
    ) throws -> String {
        if let requested {
            try validate(requested)
            return requested
        }
        let host = Profile.host(ofURL: apiURL)
        var candidates = [email, "\(email)@\(host)"]
        if let tenant { candidates.insert("\(email)@\(host)/\(tenant)", at: 1) }
        return try vault.read { reader in
            for candidate in candidates where try reader.profile(named: candidate) == nil {
                return candidate
            }
            var number = 2
            while try reader.profile(named: "\(email)-\(number)") != nil { number += 1 }
            return "\(email)-\(number)"
        }
    }

    /// Names are shown in tables and typed in shells and `.avn-profile` files.
    static func validate(_ name: String) throws {
        guard !name.isEmpty, name.count <= 200,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            name.trimmingWhitespace() == name, !name.hasPrefix("-"),
            !name.hasPrefix("#")
        else {
            throw CLIError(
                "'\(name)' cannot be a profile name: use up to 200 characters, no control "
                    + "characters, no leading '-' or '#' and no surrounding spaces")
        }
    }
}
