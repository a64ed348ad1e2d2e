import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("Profiles with their tokens")
struct ProfileStoreTests {
    private let folder: TemporaryFolder
    private let secrets = InMemorySecretStore()
    private let store: ProfileStore

    init() throws {
        folder = try TemporaryFolder()
        let vault = try Vault(path: "\(folder.path)/vault.sqlite3", tightenFolder: false)
        let secrets = self.secrets
        store = ProfileStore(vault: vault) { _ in secrets }
    }

    private func draft(name: String = "work") -> Profile {
        Profile(
            name: name, email: "ada@example.com", apiURL: "https://api.aiven.io",
            loginMethod: .password)
    }

    @Test func savesTheTokenInItsStoreAndOnlyItsPrefixInTheVault() throws {
        let token = String(repeating: "T0k3n+/=", count: 40)
        let saved = try store.save(draft(), token: token, makeCurrent: true)

        #expect(saved.tokenPrefix == "T0k3n+/=T0k3")
        #expect(try secrets.lookup(profileID: saved.id) == token)
        #expect(try store.vault.read { try $0.currentProfile() }?.id == saved.id)
        #expect(secrets.key(for: saved.id)?.apiHost == "api.aiven.io")
    }

    @Test func replacesTheTokenOfAnExistingProfile() throws {
        let first = try store.save(draft(), token: "first-token-value", makeCurrent: false)
        let second = try store.save(first, token: "second-token-value", makeCurrent: false)

        #expect(second.id == first.id)
        #expect(try secrets.lookup(profileID: first.id) == "second-token-value")
        #expect(try store.vault.profiles().map(\.tokenPrefix) == ["second-token"])
    }

    @Test func aStoreFailureLeavesTheVaultAsItWas() throws {
        secrets.failure = SecretStoreError(store: .keyring, reason: .locked)
        #expect(throws: SecretStoreError.self) {
            try store.save(draft(), token: "some-token-value", makeCurrent: true)
        }
        #expect(try store.vault.profiles().isEmpty)
    }

    @Test func aTakenNameStoresNoToken() throws {
        try store.save(draft(), token: "first-token-value", makeCurrent: false)
        #expect(throws: VaultError.profileNameTaken("work")) {
            try store.save(draft(), token: "other-token-value", makeCurrent: false)
        }
        #expect(try secrets.profileIDs().count == 1)
    }

    @Test func removesTheRowAndThenTheToken() throws {
        let saved = try store.save(draft(), token: "first-token-value", makeCurrent: true)
        let failures = try store.remove([saved])

        #expect(failures.isEmpty)
        #expect(try store.vault.profiles().isEmpty)
        #expect(try secrets.lookup(profileID: saved.id) == nil)
    }

    @Test func marksProfilesAndDropsTheirTokens() throws {
        let saved = try store.save(draft(), token: "first-token-value", makeCurrent: true)
        try store.markAndDropTokens([saved], state: .expired)

        #expect(try store.vault.profiles().map(\.state) == [.expired])
        #expect(try secrets.lookup(profileID: saved.id) == nil)
    }

    @Test func sweepsTokensThatBelongToNoProfile() throws {
        let kept = try store.save(draft(), token: "kept-token-value", makeCurrent: false)
        let orphan = SecretKey(
            profileID: "orphan-id", profileName: "gone", email: "x@example.com", apiHost: "h")
        try secrets.store("orphan-token", for: orphan)

        #expect(try store.sweepOrphans(in: .keyring) == ["orphan-id"])
        #expect(try secrets.profileIDs() == [kept.id])
    }

    @Test func neverWritesTheTokenToTheDatabaseFiles() throws {
        let token = "SECRET" + UUID().uuidString + String(repeating: "Q", count: 300)
        for index in 0..<5 {
            try store.save(draft(name: "p\(index)"), token: token, makeCurrent: true)
        }

        let needle = Data(token.utf8)
        let tail = Data(token.utf8.dropFirst(Profile.tokenPrefixLength))
        for suffix in ["", "-wal", "-shm"] {
            let path = "\(folder.path)/vault.sqlite3\(suffix)"
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: needle) == nil, "token found in \(path)")
            #expect(bytes.range(of: tail) == nil, "token tail found in \(path)")
        }
        // The prefix is there: the scan does look at the right bytes.
        let wal = try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/vault.sqlite3-wal"))
        #expect(wal.range(of: Data(token.utf8.prefix(Profile.tokenPrefixLength))) != nil)
    }
}
