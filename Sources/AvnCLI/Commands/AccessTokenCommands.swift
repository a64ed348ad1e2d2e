import AvnAPI
import AvnVault

/// `avn user access-token create|list|update|revoke`.
enum AccessTokenCommands {
    static let listColumns = [
        "expiry_time", "token_prefix", "description", "max_age_seconds", "extend_when_used",
        "last_used_time", "last_ip", "last_user_agent",
    ]
    static let createColumns = [
        "expiry_time", "description", "max_age_seconds", "extend_when_used", "full_token",
    ]

    static func create(_ context: CommandContext) throws {
        let description = try requiredDescription(context)
        let maxAge = try maxAgeSeconds(context)
        let auth = try context.authenticatedClient()
        let token = try context.call(auth) {
            try $0.createToken(
                description: description, maxAgeSeconds: maxAge,
                extendWhenUsed: context.parsed.flag("extend-when-used"))
        }
        try context.printResult([token], columns: createColumns)
    }

    static func list(_ context: CommandContext) throws {
        let auth = try context.authenticatedClient()
        var tokens = try context.call(auth) { try $0.listTokens() }
        guard context.parsed.flag("with-profiles") else {
            try context.printResult(tokens, columns: listColumns, json: .array(tokens))
            return
        }

        let holders = try context.profileStore().vault.read { try $0.profiles() }
            .filter { $0.apiURL == auth.apiURL }
        tokens = tokens.map { token in
            let prefix = token["token_prefix"]?.stringValue
            let holder = holders.first { $0.tokenPrefix != nil && $0.tokenPrefix == prefix }
            return token.adding("profile", holder.map { .string($0.name) } ?? .null)
        }
        try context.printResult(tokens, columns: listColumns + ["profile"])
    }

    static func update(_ context: CommandContext) throws {
        let description = try requiredDescription(context)
        let prefix = try tokenArgument(context)
        let auth = try context.authenticatedClient()
        let token = try context.call(auth) { try $0.updateToken(prefix, description: description) }
        try context.printResult([token], columns: listColumns)
    }

    static func revoke(_ context: CommandContext) throws {
        let prefix = try tokenArgument(context)
        let auth = try context.authenticatedClient()
        try context.call(auth) { try $0.revokeToken(prefix) }
        context.console.write("Revoked\n")

        // A profile holding that token can no longer use it.
        let profiles = try context.profileStore()
        let shortPrefix = Profile.prefix(of: prefix)
        let holders = try profiles.vault.read { try $0.profiles() }.filter {
            $0.apiURL == auth.apiURL && $0.tokenPrefix == shortPrefix && $0.state != .revoked
        }
        for (profile, error) in try profiles.markAndDropTokens(holders, state: .revoked) {
            context.console.log(
                .warning,
                "could not delete the revoked token of profile '\(profile.name)': \(error)")
        }
    }

    private static func maxAgeSeconds(_ context: CommandContext) throws -> Int? {
        guard let text = context.parsed.value("max-age-seconds") else { return nil }
        guard let seconds = Int(text) else {
            throw UsageError(
                "--max-age-seconds needs a whole number, not '\(text)'",
                path: context.parsed.spec.path)
        }
        return seconds
    }

    private static func requiredDescription(_ context: CommandContext) throws -> String {
        guard let description = context.parsed.value("description") else {
            throw UsageError("the option --description is required", path: context.parsed.spec.path)
        }
        return description
    }

    private static func tokenArgument(_ context: CommandContext) throws -> String {
        guard let prefix = context.parsed.argument("TOKEN_PREFIX"), !prefix.isEmpty else {
            throw UsageError("missing argument TOKEN_PREFIX", path: context.parsed.spec.path)
        }
        return prefix
    }
}

extension JSONValue {
    /// This object with one more member.
    fileprivate func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.append((key: key, value: value))
        return .object(members)
    }
}
