import AvnVault

/// `avn user migrate-secrets --to STORE [NAME | --all]`.
enum MigrateSecretsCommand {
    static func run(_ context: CommandContext) throws {
        guard let name = context.parsed.value("to") else {
            throw UsageError("the option --to is required", path: context.parsed.spec.path)
        }
        guard let target = SecretStoreKind(rawValue: name) else {
            let known = SecretStoreKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(
                "unknown secret store '\(name)'; choose one of: \(known)",
                path: context.parsed.spec.path)
        }
        let store = try context.profileStore()
        let profiles = try chosenProfiles(context, vault: store.vault)
        context.warnIfPlainText(target)

        var failures = 0
        for profile in profiles where profile.secretStore != target {
            do {
                try move(profile, to: target, store: store, context: context)
                FaultPoint.migrateAfterProfileMoved.reach()
            } catch {
                failures += 1
                context.console.log(
                    .error,
                    "profile '\(profile.name)' stays in the \(profile.secretStore.rawValue) "
                        + "store: \(error)")
            }
        }
        if failures > 0 { throw ExitStatus(code: 1) }
    }

    private static func chosenProfiles(_ context: CommandContext, vault: Vault) throws -> [Profile]
    {
        if context.parsed.flag("all") { return try vault.profiles() }
        if let name = context.parsed.argument("NAME") {
            guard let profile = try vault.read({ try $0.profile(named: name) }) else {
                throw VaultError.noSuchProfile(name)
            }
            return [profile]
        }
        return [try context.selectedProfile().0]
    }

    /// Stores the token in the new store and commits the row before deleting
    /// it from the old one, so a failure leaves it where it was.
    private static func move(
        _ profile: Profile, to target: SecretStoreKind, store: ProfileStore, context: CommandContext
    ) throws {
        guard let token = try store.token(for: profile) else {
            // Nothing to carry over: just record the new store for the next login.
            var updated = profile
            updated.secretStore = target
            try store.vault.write { try $0.update(updated) }
            context.console.log(
                .info,
                "profile '\(profile.name)' has no token; it will use the \(target.rawValue) "
                    + "store at its next login")
            return
        }
        var moved = profile
        moved.secretStore = target
        try store.save(moved, token: token, makeCurrent: false)
        context.console.log(
            .info,
            "moved the token of profile '\(profile.name)' from the "
                + "\(profile.secretStore.rawValue) store to the \(target.rawValue) store")
    }
}
