import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("Vault database")
struct VaultTests {
    private func sampleProfile(name: String = "work") -> Profile {
        Profile(
            name: name, email: "ada@example.com", apiURL: "https://api.aiven.io",
            loginMethod: .password, tokenPrefix: "abcdefghijkl")
    }

    @Test func createsAPrivateFolderAndFiles() throws {
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/data/avn/vault.sqlite3", tightenFolder: true)
        try vault.write { try $0.insert(sampleProfile()) }

        #expect(try folder.mode(of: "data/avn") == 0o700)
        #expect(try folder.mode(of: "data/avn/vault.sqlite3") == 0o600)
        #expect(try folder.mode(of: "data/avn/vault.sqlite3-wal") == 0o600)
        #expect(try folder.mode(of: "data/avn/vault.sqlite3-shm") == 0o600)
    }

    @Test func tightensLooserModesOfAnExistingVault() throws {
        let folder = try TemporaryFolder()
        let path = "\(folder.path)/vault.sqlite3"
        _ = try Vault(path: path, tightenFolder: false)
        chmod(folder.path, 0o755)
        chmod(path, 0o644)

        _ = try Vault(path: path, tightenFolder: true)
        #expect(try folder.mode(of: "vault.sqlite3") == 0o600)
        #expect(
            try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions]
                as? Int == 0o700)
    }

    @Test func leavesAFolderTheUserNamedAlone() throws {
        let folder = try TemporaryFolder()
        chmod(folder.path, 0o755)
        _ = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        #expect(
            try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions]
                as? Int == 0o755)
    }

    @Test func recordsTheSchemaVersionAndUsesWAL() throws {
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        #expect(try vault.schemaVersion() == 1)
        let header = try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/vault.sqlite3"))
        // Bytes 18 and 19 of the header are 2 in WAL mode (sqlite.org/fileformat.html).
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test func refusesANewerVaultWithoutAlteringIt() throws {
        let folder = try TemporaryFolder()
        let path = "\(folder.path)/vault.sqlite3"
        // Written by "a newer avn": schema 99, rollback journal mode.
        let setup = ChildProcess()
        setup.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        setup.arguments = [
            "python3", "-c",
            """
            import sqlite3; c = sqlite3.connect('\(path)')
            c.execute('CREATE TABLE future (x)'); c.execute('PRAGMA user_version = 99')
            c.commit(); c.close()
            """,
        ]
        try setup.run()
        setup.waitUntilExit()
        try #require(setup.terminationStatus == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(throws: VaultError.newerSchema(path: path, found: 99, supported: 1)) {
            try Vault(path: path, tightenFolder: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesAFileThatIsNotAVault() throws {
        let folder = try TemporaryFolder()
        let path = "\(folder.path)/vault.sqlite3"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect(throws: VaultError.notAVault(path: path)) {
            try Vault(path: path, tightenFolder: false)
        }
    }

    @Test func roundTripsAProfile() throws {
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        var profile = sampleProfile()
        profile.tenant = "aws"
        profile.expiresAt = Date(timeIntervalSince1970: 2_000_000_000)
        profile.createdAt = Date(timeIntervalSince1970: 1_700_000_000)
        try vault.write { try $0.insert(profile) }

        let reopened = try Vault(path: vault.path, tightenFolder: false)
        #expect(try reopened.profiles() == [profile])
    }

    @Test func keepsNamesUnique() throws {
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        try vault.write { try $0.insert(sampleProfile()) }
        #expect(throws: VaultError.profileNameTaken("work")) {
            try vault.write { try $0.insert(sampleProfile()) }
        }
        #expect(try vault.profiles().count == 1)
    }

    @Test func deletingTheCurrentProfileClearsCurrent() throws {
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        let profile = sampleProfile()
        try vault.write {
            try $0.insert(profile)
            try $0.setCurrent(profileID: profile.id)
        }
        #expect(try vault.read { try $0.currentProfile() }?.id == profile.id)

        try vault.write { try $0.delete(profileID: profile.id) }
        #expect(try vault.read { try $0.currentProfile() } == nil)
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        struct Interrupted: Error {}
        let folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        #expect(throws: Interrupted.self) {
            try vault.write { writer in
                try writer.insert(sampleProfile())
                throw Interrupted()
            }
        }
        #expect(try vault.profiles().isEmpty)
    }

    @Test func concurrentWritersNeverFailWithALockedDatabase() async throws {
        let folder = try TemporaryFolder()
        let path = "\(folder.path)/vault.sqlite3"
        _ = try Vault(path: path, tightenFolder: false)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for writerIndex in 0..<4 {
                group.addTask {
                    let vault = try Vault(path: path, tightenFolder: false)
                    for step in 0..<25 {
                        try vault.write { writer in
                            try writer.insert(
                                Profile(
                                    name: "w\(writerIndex)-\(step)", email: "a@example.com",
                                    apiURL: "https://api.aiven.io", loginMethod: .token))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try Vault(path: path, tightenFolder: false).profiles().count == 100)
    }
}
