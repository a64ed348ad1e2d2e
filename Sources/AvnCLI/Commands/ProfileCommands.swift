import AvnAPI
import AvnVault

/// `avn user profiles`, `current`, `switch`, `rename` and `remove`.
enum ProfileCommands {
    static func list(_ context: CommandContext) throws {
        let (profiles, current) = try context.profileStore().vault.read {
            (try $0.profiles(), try $0.currentProfile()?.id)
        }
        if context.parsed.flag("names") {
            context.console.write(profiles.map { $0.name + "\n" }.joined())
            return
        }
        if context.parsed.flag("json") {
            let items = profiles.map { ProfileFacts.json($0, current: $0.id == current) }
            context.console.write(JSONValue.array(items).pythonJSON() + "\n")
            return
        }
        guard !profiles.isEmpty else {
            context.console.log(.info, "No profiles yet; add one with 'avn user login'")
            return
        }
        var table = PlainTable(headers: [
            "", "NAME", "EMAIL", "API", "TENANT", "STATE", "EXPIRES", "LAST USED", "STORE",
        ])
        let kernelIDs = kernelTokens(profiles, context: context)
        for profile in profiles {
            var state = ProfileFacts.state(of: profile)
            if profile.secretStore == .kernel, profile.state == .active,
                kernelIDs?.contains(profile.id) == false
            {
                state = "needs login (kernel keys are gone after a restart)"
            }
            table.append([
                profile.id == current ? "*" : "", profile.name, profile.email, profile.apiHost,
                profile.tenant ?? "-", state,
                ProfileFacts.timestamp(profile.expiresAt) ?? "-",
                ProfileFacts.timestamp(profile.lastUsedAt) ?? "-",
                ProfileFacts.storeLabel(profile.secretStore),
            ])
        }
        context.console.write(table.render())
    }

    /// The ids with a kernel key, when a profile uses that store: a cheap
    /// system call, unlike a keyring search over D-Bus.
    private static func kernelTokens(_ profiles: [Profile], context: CommandContext) -> Set<String>?
    {
        guard profiles.contains(where: { $0.secretStore == .kernel }) else { return nil }
        return try? context.profileStore().secretStore(.kernel).profileIDs()
    }

    static func current(_ context: CommandContext) throws {
        let json = context.parsed.flag("json")
        switch try context.credentials() {
        case .explicitToken(_, let source):
            context.console.write(
                json
                    ? JSONValue.dictionary(["profile": .null, "source": .string(source)])
                        .pythonJSON() + "\n"
                    : "no profile: the token comes from \(source)\n")
        case .profile(let profile, let source):
            if json {
                var object = ProfileFacts.json(profile, current: source == "the current profile")
                if case .object(var members) = object {
                    members.append((key: "source", value: .string(source)))
                    object = .object(members)
                }
                context.console.write(object.pythonJSON() + "\n")
            } else {
                context.console.write("\(profile.name) (\(source))\n")
            }
        }
    }

    static func switchTo(_ context: CommandContext) throws {
        let vault = try context.profileStore().vault
        let target = try chooseTarget(context, vault: vault)
        try vault.write { writer in
            try writer.setCurrent(profileID: target.id)
            FaultPoint.switchBeforeCommit.reach()
        }
        FaultPoint.switchAfterCommit.reach()
        context.console.log(.info, "Profile '\(target.name)' (\(target.email)) is now current")
    }

    private static func chooseTarget(_ context: CommandContext, vault: Vault) throws -> Profile {
        if let name = context.parsed.argument("NAME") {
            guard let profile = try vault.read({ try $0.profile(named: name) }) else {
                throw VaultError.noSuchProfile(name)
            }
            return profile
        }
        let (count, current) = try vault.read { (try $0.profileCount(), try $0.currentProfile()) }
        guard count > 0 else {
            throw CLIError("there are no profiles to switch to; add one with 'avn user login'")
        }
        let profiles = try vault.profiles()
        if count == 2, let other = profiles.first(where: { $0.id != current?.id }) {
            return other
        }
        guard context.console.inputIsTerminal else {
            throw UsageError(
                "name the profile to switch to (a list is offered only on a terminal)",
                path: context.parsed.spec.path)
        }
        for (index, profile) in profiles.enumerated() {
            let marker = profile.id == current?.id ? "*" : " "
            context.console.writeError(
                "\(marker) \(index + 1)) \(profile.name) (\(profile.email))\n")
        }
        let answer = try context.readAnswer(what: "choice", prompt: "Switch to profile number: ")
        guard let number = Int(answer), profiles.indices.contains(number - 1) else {
            throw CLIError("'\(answer)' is not a number from 1 to \(profiles.count)")
        }
        return profiles[number - 1]
    }

    static func rename(_ context: CommandContext) throws {
        guard let old = context.parsed.argument("OLD"), let new = context.parsed.argument("NEW")
        else { throw UsageError("missing argument", path: context.parsed.spec.path) }
        try ProfileNaming.validate(new)
        let store = try context.profileStore()
        let renamed = try store.vault.write { writer in
            guard var profile = try writer.profile(named: old) else {
                throw VaultError.noSuchProfile(old)
            }
            profile.name = new
            try writer.update(profile)
            FaultPoint.renameBeforeCommit.reach()
            return profile
        }
        FaultPoint.renameAfterCommit.reach()
        // The keyring item's label names the profile; a stale label is harmless.
        if let token = try? store.token(for: renamed) {
            try? store.secretStore(renamed.secretStore).store(token, for: renamed.secretKey)
        }
        context.console.log(.info, "Profile '\(old)' is now named '\(new)'")
    }

    static func remove(_ context: CommandContext) throws {
        guard let name = context.parsed.argument("NAME") else {
            throw UsageError("missing argument NAME", path: context.parsed.spec.path)
        }
        guard let profile = try context.profileStore().vault.read({ try $0.profile(named: name) })
        else { throw VaultError.noSuchProfile(name) }
        try LogoutCommand.forget(
            profile, context: context, revoke: !context.parsed.flag("no-token-revoke"))
        context.console.log(.info, "Profile '\(name)' removed")
    }
}
