import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user doctor")
struct DoctorTests {
    struct Finding: Equatable, CustomStringConvertible {
        let check: String
        let status: String
        let detail: String

        var description: String { "\(status) | \(check) | \(detail)" }
    }

    /// Runs `avn user doctor --json` with `extra` options and reads its findings.
    static func doctor(
        _ world: StoreWorld, _ extra: String..., withoutBus: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (result: AvnResult, findings: [Finding]) {
        let arguments = ["user", "doctor", "--json"] + extra
        let result = try world.base.runner.run(
            arguments, removing: withoutBus ? ["DBUS_SESSION_BUS_ADDRESS"] : [])
        world.base.record(result)
        let items = try #require(
            try JSONValue(parsing: result.stdout).arrayValue, "\(result)",
            sourceLocation: sourceLocation)
        let findings = try items.map { item in
            #expect(
                item.objectKeys == ["check", "detail", "status"], sourceLocation: sourceLocation)
            return Finding(
                check: try #require(item["check"]?.stringValue, sourceLocation: sourceLocation),
                status: try #require(item["status"]?.stringValue, sourceLocation: sourceLocation),
                detail: try #require(item["detail"]?.stringValue, sourceLocation: sourceLocation))
        }
        return (result, findings)
    }

    @Test func cleanVaultIsAllOK() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring)
        try world.login(Seed.grace, store: .kernel)
        try world.login(Seed.linus, store: .file, "--tenant", "gcp")

        let (result, findings) = try Self.doctor(world)
        result.expectQuietSuccess()
        #expect(findings.allSatisfy { $0.status == "ok" }, "\(findings)")
        let checks = findings.map(\.check)
        for check in [
            "vault file", "vault folder", "vault schema", "vault integrity", "keyring store",
            "kernel store", "file store",
        ] {
            #expect(checks.contains(check), "\(check) in \(checks)")
        }
        for (email, kind) in [
            (Seed.ada.email, "keyring"), (Seed.grace.email, "kernel"), (Seed.linus.email, "file"),
        ] {
            #expect(
                findings.contains(
                    Finding(
                        check: "profile '\(email)'", status: "ok",
                        detail: "token in the \(kind) store")))
        }
        #expect(
            findings.contains(
                Finding(
                    check: "vault file", status: "ok", detail: "\(world.vault.path) mode 600")))

        let table = try world.avn("user", "doctor")
        table.expectQuietSuccess()
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("STATUS  CHECK") == true, "\(table)")
        #expect(lines.count == findings.count + 1, "\(table)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("ok ") }, "\(table)")
    }

    @Test func keyringItemOfNoProfileIsDeletedByFix() throws {
        let world = try StoreWorld()
        let ada = try world.login(Seed.ada, store: .keyring)
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring)
        let orphanID = UUID().uuidString.lowercased()
        try StoreInspector.secretToolStore(
            "planted-orphan-token", label: "Aiven token for nobody",
            attributes: [
                ("xdg:schema", "io.aiven.avn.Token"), ("profile", orphanID),
                ("email", "nobody@example.com"), ("api", "127.0.0.1"),
                ("vault", try world.stores.vaultID()),
            ])
        #expect(try world.stores.profileIDs(in: .keyring) == [ada.id, orphanID])
        try expectOrphanRepaired(world, kind: .keyring, orphanID: orphanID)
        #expect(try world.stores.profileIDs(in: .keyring) == [ada.id])
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring, equalTo: token)
    }

    @Test(arguments: [SecretStoreKind.kernel, .file])
    func storedTokenOfNoProfileIsDeletedByFix(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let ada = try world.login(Seed.ada, store: kind)
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind)
        let orphanID = UUID().uuidString.lowercased()
        try world.stores.plantToken(
            "planted-orphan-token", in: kind, profileID: orphanID, email: "nobody@example.com")
        #expect(try world.stores.profileIDs(in: kind) == [ada.id, orphanID])
        try expectOrphanRepaired(world, kind: kind, orphanID: orphanID)
        #expect(try world.stores.profileIDs(in: kind) == [ada.id])
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind, equalTo: token)
    }

    private func expectOrphanRepaired(
        _ world: StoreWorld, kind: SecretStoreKind, orphanID: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let check = "\(kind.rawValue) store"
        let table = try world.avn("user", "doctor")
        #expect(table.status == 1, "\(table)", sourceLocation: sourceLocation)
        #expect(table.stdout.contains("problem  \(check)"), "\(table)")
        #expect(table.stdout.contains("1 token(s) belong to no profile"), "\(table)")
        #expect(
            table.stderrLines == [
                "INFO\t1 problem(s); 'avn user doctor --fix' repairs what it can"
            ], "\(table)", sourceLocation: sourceLocation)
        #expect(try world.stores.profileIDs(in: kind).contains(orphanID), "doctor alone deletes")

        let (fixed, findings) = try Self.doctor(world, "--fix")
        #expect(fixed.status == 0, "\(fixed)", sourceLocation: sourceLocation)
        #expect(
            findings.contains(
                Finding(
                    check: check, status: "fixed",
                    detail: "deleted 1 token(s) that belonged to no profile")), "\(findings)",
            sourceLocation: sourceLocation)
        #expect(!findings.contains { $0.status == "problem" }, sourceLocation: sourceLocation)
        let again = try Self.doctor(world)
        #expect(again.result.status == 0, "\(again.result)", sourceLocation: sourceLocation)
    }

    @Test(arguments: SecretStoreKind.allCases)
    func profileWithMissingTokenIsMarkedNeedsLogin(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let work = try world.login(Seed.ada, store: kind, "--profile", "work")
        try world.login(Seed.grace, store: kind, "--profile", "home")
        let home = try world.expectToken(ofProfile: "home", onlyIn: kind)
        try world.stores.store(kind).delete(profileID: work.id)

        let (result, findings) = try Self.doctor(world)
        #expect(result.status == 1, "\(result)")
        #expect(
            findings.contains(
                Finding(
                    check: "profile 'work'", status: "problem", detail: "its token is missing")),
            "\(findings)")

        let (fixed, repaired) = try Self.doctor(world, "--fix")
        #expect(fixed.status == 0, "\(fixed)")
        #expect(
            repaired.contains(
                Finding(
                    check: "profile 'work'", status: "fixed", detail: "marked as needing login")),
            "\(repaired)")
        #expect(try world.base.profile("work").state == .needsLogin)
        #expect(try world.listedRow("work").contains("needs login"))
        try world.expectToken(ofProfile: "home", onlyIn: kind, equalTo: home)
        #expect(try world.tokenOutput(profile: "home") == home)
        #expect(try Self.doctor(world).result.status == 0)
    }

    @Test(arguments: [SecretStoreKind.keyring, .kernel])
    func expiredProfileThatStillKeepsATokenLosesItOnFix(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let ada = try world.login(Seed.ada, store: kind)
        try world.login(Seed.grace, store: kind)
        let adaToken = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind)
        let grace = try world.expectToken(ofProfile: Seed.grace.email, onlyIn: kind)
        _ = try world.fake.admin(
            .post, "/v1/me/expire_tokens", headers: ["authorization": "aivenv1 \(adaToken)"])
        let info = try world.avn("--profile", Seed.ada.email, "user", "info")
        #expect(info.status == 1, "\(info)")
        #expect(try world.base.profile(Seed.ada.email).state == .expired)
        #expect(try world.stores.stores(holding: ada.id) == [kind])

        let (result, findings) = try Self.doctor(world)
        #expect(result.status == 1, "\(result)")
        #expect(
            findings.contains {
                $0.check == "profile '\(Seed.ada.email)'" && $0.status == "problem"
                    && $0.detail.hasSuffix("expired token is still kept")
            }, "\(findings)")

        let (fixed, repaired) = try Self.doctor(world, "--fix")
        #expect(fixed.status == 0, "\(fixed)")
        #expect(
            repaired.contains(
                Finding(
                    check: "profile '\(Seed.ada.email)'", status: "fixed",
                    detail: "deleted the expired token")), "\(repaired)")
        #expect(try world.stores.stores(holding: ada.id).isEmpty)
        #expect(try world.base.profile(Seed.ada.email).state == .expired)
        try world.expectToken(ofProfile: Seed.grace.email, onlyIn: kind, equalTo: grace)
    }

    @Test func unreachableKeyringIsReportedAndNothingIsChanged() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .keyring)
        try world.login(Seed.grace, store: .kernel)
        let adaToken = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring)
        let before = try world.vault.profiles()

        for extra in [[], ["--fix"]] {
            let arguments = ["user", "doctor", "--json"] + extra
            let result = try world.base.runner.run(
                arguments, removing: ["DBUS_SESSION_BUS_ADDRESS"])
            world.base.record(result)
            #expect(result.status == 1, "\(result)")
            let findings = try #require(try JSONValue(parsing: result.stdout).arrayValue)
            let keyring = findings.first {
                $0["check"]?.stringValue == "keyring store"
            }
            #expect(keyring?["status"]?.stringValue == "problem", "\(result)")
            #expect(
                keyring?["detail"]?.stringValue?.contains("no D-Bus session bus") == true,
                "\(result)")
            let ada = findings.first { $0["check"]?.stringValue == "profile '\(Seed.ada.email)'" }
            #expect(ada?["status"]?.stringValue == "problem", "\(result)")
            #expect(ada?["detail"]?.stringValue == "its keyring store cannot be reached")
            let grace = findings.first {
                $0["check"]?.stringValue == "profile '\(Seed.grace.email)'"
            }
            #expect(grace?["status"]?.stringValue == "ok", "\(result)")
        }
        #expect(try world.vault.profiles() == before)
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .keyring, equalTo: adaToken)
    }

    @Test func looseVaultFileIsTightenedOnOpen() throws {
        let world = try StoreWorld()
        try world.login(Seed.ada, store: .kernel)
        chmod(world.vault.path, 0o644)
        let (result, findings) = try Self.doctor(world)
        result.expectQuietSuccess()
        #expect(
            findings.contains(
                Finding(
                    check: "vault file", status: "ok", detail: "\(world.vault.path) mode 600")),
            "\(findings)")
        #expect(try ScratchFolder.mode(of: world.vault.path) == 0o600)
    }

    @Test func looseDefaultVaultFolderIsTightenedOnOpen() throws {
        let world = try StoreWorld()
        let path = world.base.folder.file("xdg-data/avn/vault.sqlite3")
        let runner = try AvnRunner(
            folder: world.base.folder.path, apiURL: world.fake.url, vaultPath: path)
        let login = try runner.run(
            ["user", "login", Seed.ada.email, "--secret-store", "kernel"],
            stdin: Seed.ada.password + "\n")
        world.base.record(login)
        #expect(login.status == 0, "\(login)")
        defer { StoreInspector(vaultPath: path).removeEverything() }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        chmod(folder, 0o777)
        chmod(path, 0o666)

        let result = try runner.run(["user", "doctor"])
        world.base.record(result)
        result.expectQuietSuccess()
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.contains {
                $0.hasPrefix("ok ") && $0.contains(" vault file ")
                    && $0.hasSuffix(" \(path) mode 600")
            }, "\(result)")
        #expect(
            lines.contains {
                $0.hasPrefix("ok ") && $0.contains(" vault folder ")
                    && $0.hasSuffix(" \(folder) mode 700")
            }, "\(result)")
        #expect(try ScratchFolder.mode(of: path) == 0o600)
        #expect(try ScratchFolder.mode(of: folder) == 0o700)
    }
}

extension JSONValue {
    /// The sorted member names of an object; empty for anything else.
    fileprivate var objectKeys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.key).sorted()
    }
}
