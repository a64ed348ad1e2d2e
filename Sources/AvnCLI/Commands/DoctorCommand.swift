import AvnAPI
import AvnVault
import FoundationEssentials
import Glibc

/// `avn user doctor [--fix] [--json]`: checks the vault, every profile's token,
/// orphan tokens and the stores; `--fix` repairs without losing a working token.
enum DoctorCommand {
    struct Finding {
        enum Status: String {
            case ok, problem, fixed
        }

        let check: String
        var status: Status
        var detail: String
    }

    static func run(_ context: CommandContext) throws {
        let fix = context.parsed.flag("fix")
        let store = try context.profileStore()
        var findings = try vaultFindings(store.vault)

        var reachable: [SecretStoreKind: Set<String>] = [:]
        for kind in SecretStoreKind.allCases {
            do {
                reachable[kind] = try store.secretStore(kind).profileIDs()
                findings.append(
                    Finding(check: "\(kind.rawValue) store", status: .ok, detail: "reachable"))
            } catch {
                findings.append(
                    Finding(check: "\(kind.rawValue) store", status: .problem, detail: "\(error)"))
            }
        }

        let profiles = try store.vault.profiles()
        for profile in profiles {
            var finding = check(profile, store: store, reachable: reachable)
            if fix && finding.status == .problem,
                let repair = repair(profile, finding, store: store)
            {
                finding.status = .fixed
                finding.detail = repair
            }
            findings.append(finding)
        }
        findings += orphanFindings(profiles, reachable: reachable, store: store, fix: fix)

        report(findings, context: context)
        if findings.contains(where: { $0.status == .problem }) { throw ExitStatus(code: 1) }
    }

    // MARK: - Checks

    private static func vaultFindings(_ vault: Vault) throws -> [Finding] {
        let folder = URL(fileURLWithPath: vault.path).deletingLastPathComponent().path
        let folderMode = mode(of: folder)
        let fileMode = mode(of: vault.path)
        var findings = [
            Finding(
                check: "vault file",
                status: fileMode.map { $0 & 0o077 == 0 } == true ? .ok : .problem,
                detail: "\(vault.path) mode \(octal(fileMode))"),
            Finding(
                check: "vault folder",
                status: folderMode.map { $0 & 0o022 == 0 } == true ? .ok : .problem,
                detail: "\(folder) mode \(octal(folderMode))"),
        ]
        let version = try vault.schemaVersion()
        findings.append(
            Finding(
                check: "vault schema",
                status: version == Vault.supportedSchemaVersion ? .ok : .problem,
                detail: "version \(version)"))
        let problems = try vault.integrityProblems()
        findings.append(
            Finding(
                check: "vault integrity", status: problems.isEmpty ? .ok : .problem,
                detail: problems.isEmpty ? "ok" : problems.prefix(3).joined(separator: "; ")))
        return findings
    }

    private static func check(
        _ profile: Profile, store: ProfileStore, reachable: [SecretStoreKind: Set<String>]
    ) -> Finding {
        let name = "profile '\(profile.name)'"
        guard reachable[profile.secretStore] != nil else {
            return Finding(
                check: name, status: .problem,
                detail: "its \(profile.secretStore.rawValue) store cannot be reached")
        }
        let token: String?
        do {
            token = try store.token(for: profile)
        } catch {
            return Finding(check: name, status: .problem, detail: "\(error)")
        }
        switch (token, profile.state) {
        case (nil, .expired), (nil, .revoked):
            return Finding(
                check: name, status: .ok, detail: "\(profile.state.displayName), no token kept")
        case (nil, .needsLogin):
            return Finding(check: name, status: .ok, detail: "needs login, no token kept")
        case (nil, .active):
            return Finding(check: name, status: .problem, detail: "its token is missing")
        case (.some, .expired), (.some, .revoked):
            return Finding(
                check: name, status: .problem,
                detail: "its \(profile.state.displayName) token is still kept")
        case (.some(let token), _):
            if Profile.prefix(of: token) != profile.tokenPrefix {
                return Finding(
                    check: name, status: .problem,
                    detail: "the kept token is not the one the vault records")
            }
            return Finding(
                check: name, status: .ok,
                detail: "token in the \(profile.secretStore.rawValue) store")
        }
    }

    /// Repairs one profile; returns what was done, or `nil` when it cannot be.
    private static func repair(_ profile: Profile, _ finding: Finding, store: ProfileStore)
        -> String?
    {
        do {
            let token = try store.token(for: profile)
            switch (token, profile.state) {
            case (nil, _):
                try store.vault.write { writer in
                    var updated = profile
                    updated.state = .needsLogin
                    try writer.update(updated)
                }
                return "marked as needing login"
            case (.some, .expired), (.some, .revoked):
                try store.secretStore(profile.secretStore).delete(profileID: profile.id)
                return "deleted the \(profile.state.displayName) token"
            case (.some(let token), _):
                // A newer token than the row knows (a crash before the commit): keep it.
                var updated = profile
                updated.tokenPrefix = Profile.prefix(of: token)
                updated.lastVerifiedAt = nil
                try store.vault.write { try $0.update(updated) }
                return "recorded the kept token; run 'avn user status' to verify it"
            }
        } catch {
            return nil
        }
    }

    private static func orphanFindings(
        _ profiles: [Profile], reachable: [SecretStoreKind: Set<String>], store: ProfileStore,
        fix: Bool
    ) -> [Finding] {
        var findings: [Finding] = []
        for kind in SecretStoreKind.allCases {
            guard let ids = reachable[kind] else { continue }
            let owned = Set(profiles.filter { $0.secretStore == kind }.map(\.id))
            let orphans = ids.subtracting(owned)
            guard !orphans.isEmpty else { continue }
            var finding = Finding(
                check: "\(kind.rawValue) store", status: .problem,
                detail: "\(orphans.count) token(s) belong to no profile")
            if fix {
                let removed = orphans.filter {
                    (try? store.secretStore(kind).delete(profileID: $0)) != nil
                }
                if removed.count == orphans.count {
                    finding.status = .fixed
                    finding.detail = "deleted \(removed.count) token(s) that belonged to no profile"
                }
            }
            findings.append(finding)
        }
        return findings
    }

    // MARK: - Output

    private static func report(_ findings: [Finding], context: CommandContext) {
        if context.parsed.flag("json") {
            let items = findings.map { finding -> JSONValue in
                .dictionary([
                    "check": .string(finding.check), "status": .string(finding.status.rawValue),
                    "detail": .string(finding.detail),
                ])
            }
            context.console.write(JSONValue.array(items).pythonJSON() + "\n")
            return
        }
        var table = PlainTable(headers: ["STATUS", "CHECK", "DETAIL"])
        for finding in findings {
            table.append([finding.status.rawValue, finding.check, finding.detail])
        }
        context.console.write(table.render())
        let remaining = findings.filter { $0.status == .problem }.count
        if remaining > 0 && !context.parsed.flag("fix") {
            context.console.log(
                .info, "\(remaining) problem(s); 'avn user doctor --fix' repairs what it can")
        }
    }

    /// The permission bits of `path`, or `nil` when it cannot be read.
    private static func mode(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : nil
    }

    private static func octal(_ mode: Int?) -> String {
        mode.map { String($0 & 0o777, radix: 8) } ?? "unknown"
    }
}
