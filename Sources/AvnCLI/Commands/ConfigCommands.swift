import AvnVault

/// `avn config get|set|unset KEY [VALUE]`: vault-wide settings.
enum ConfigCommands {
    static func get(_ context: CommandContext) throws {
        let key = try settingKey(context)
        let value = try context.profileStore().vault.read { try $0.setting(key) }
        context.console.write((value ?? defaultValue(key)) + "\n")
    }

    static func set(_ context: CommandContext) throws {
        let key = try settingKey(context)
        guard let value = context.parsed.argument("VALUE") else {
            throw UsageError("missing argument VALUE", path: context.parsed.spec.path)
        }
        let stored: String
        do {
            stored = try VaultSettings.validate(key, value)
        } catch {
            throw UsageError(error.description, path: context.parsed.spec.path)
        }
        try context.profileStore().vault.write { try $0.setSetting(key, to: stored) }
        if key == VaultSettings.secretStore && stored == SecretStoreKind.file.rawValue {
            context.console.log(
                .warning, "new logins will keep their tokens in plain text in the file store")
        }
    }

    static func unset(_ context: CommandContext) throws {
        let key = try settingKey(context)
        try context.profileStore().vault.write { try $0.setSetting(key, to: nil) }
    }

    private static func settingKey(_ context: CommandContext) throws -> String {
        guard let key = context.parsed.argument("KEY") else {
            throw UsageError("missing argument KEY", path: context.parsed.spec.path)
        }
        guard VaultSettings.keys.contains(key) else {
            throw UsageError(
                VaultSettings.unknownKey(key).description, path: context.parsed.spec.path)
        }
        return key
    }

    private static func defaultValue(_ key: String) -> String {
        key == VaultSettings.secretStore
            ? SecretStoreKind.keyring.rawValue : String(Int(TokenAccess.defaultWarningDays))
    }
}
