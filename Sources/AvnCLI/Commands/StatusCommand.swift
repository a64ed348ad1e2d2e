import AvnAPI
import AvnVault
import FoundationEssentials

/// `avn user status [NAME | --all] [--json]`: checks tokens with `GET /v1/me`.
enum StatusCommand {
    struct Verdict {
        let profile: Profile
        let status: String
        let detail: String?
    }

    static func run(_ context: CommandContext) throws {
        let store = try context.profileStore()
        let inEffect = try? context.selectedProfile().0
        let profiles: [Profile]
        if context.parsed.flag("all") {
            profiles = try store.vault.profiles()
        } else if let name = context.parsed.argument("NAME") {
            guard let profile = try store.vault.read({ try $0.profile(named: name) }) else {
                throw VaultError.noSuchProfile(name)
            }
            profiles = [profile]
        } else {
            profiles = [try context.selectedProfile().0]
        }

        let verdicts = profiles.map { check($0, context: context) }
        try record(verdicts, in: store.vault)
        print(verdicts, context: context)

        let watched = context.parsed.argument("NAME") ?? inEffect?.name
        if let watched, let verdict = verdicts.first(where: { $0.profile.name == watched }),
            verdict.status != "valid"
        {
            throw ExitStatus(code: 1)
        }
    }

    private static func check(_ profile: Profile, context: CommandContext) -> Verdict {
        let token: String?
        do {
            token = try context.profileStore().token(for: profile)
        } catch {
            return Verdict(profile: profile, status: "store unavailable", detail: "\(error)")
        }
        guard let token else {
            return Verdict(profile: profile, status: "needs login", detail: nil)
        }
        do {
            _ = try context.client(apiURL: profile.apiURL, token: token).me()
            return Verdict(profile: profile, status: "valid", detail: nil)
        } catch let error as APIClientError {
            switch error {
            case .api(401, _): return Verdict(profile: profile, status: "expired", detail: nil)
            case .api(403, _): return Verdict(profile: profile, status: "revoked", detail: nil)
            case .transport:
                return Verdict(profile: profile, status: "unreachable", detail: "\(error)")
            default: return Verdict(profile: profile, status: "error", detail: "\(error)")
            }
        } catch {
            return Verdict(profile: profile, status: "error", detail: "\(error)")
        }
    }

    /// Stores what the server said; an unreachable server teaches nothing.
    private static func record(_ verdicts: [Verdict], in vault: Vault) throws {
        let now = Date()
        try vault.write { writer in
            for verdict in verdicts {
                guard var profile = try writer.profile(id: verdict.profile.id) else { continue }
                switch verdict.status {
                case "valid": profile.state = .active
                case "expired": profile.state = .expired
                case "revoked": profile.state = .revoked
                case "needs login": profile.state = .needsLogin
                default: continue
                }
                profile.lastVerifiedAt = now
                try writer.update(profile)
            }
        }
    }

    private static func print(_ verdicts: [Verdict], context: CommandContext) {
        if context.parsed.flag("json") {
            let items = verdicts.map { verdict -> JSONValue in
                .dictionary([
                    "name": .string(verdict.profile.name),
                    "email": .string(verdict.profile.email),
                    "api_url": .string(verdict.profile.apiURL),
                    "status": .string(verdict.status),
                    "detail": verdict.detail.map(JSONValue.string) ?? .null,
                ])
            }
            context.console.write(JSONValue.array(items).pythonJSON() + "\n")
            return
        }
        var table = PlainTable(headers: ["NAME", "EMAIL", "API", "STATUS", "DETAIL"])
        for verdict in verdicts {
            table.append([
                verdict.profile.name, verdict.profile.email, verdict.profile.apiHost,
                verdict.status, verdict.detail ?? "",
            ])
        }
        context.console.write(table.render())
    }
}
