import AvnVault
import Foundation
import Testing

/// The vault and the real keyring together (run under `Scripts/with-keyring`).
@Suite("Profiles with tokens in the real keyring", .serialized)
struct ProfileStoreKeyringTests {
    private func makeStore(in folder: TemporaryFolder, name: String) throws -> ProfileStore {
        let vault = try Vault(path: "\(folder.path)/\(name).sqlite3", tightenFolder: false)
        let keyring = LibsecretStore(vaultID: try vault.identifier())
        return ProfileStore(vault: vault) { _ in keyring }
    }

    private func draft(_ name: String) -> Profile {
        Profile(
            name: name, email: "\(name)@example.com", apiURL: "https://api.aiven.io",
            loginMethod: .password)
    }

    @Test func aSweepLeavesOtherVaultsTokensAlone() throws {
        let folder = try TemporaryFolder()
        let first = try makeStore(in: folder, name: "first")
        let second = try makeStore(in: folder, name: "second")
        let mine = try first.save(
            draft("mine"), token: "token-of-mine-\(UUID())", makeCurrent: true)
        let theirs = try second.save(
            draft("theirs"), token: "token-of-theirs-\(UUID())", makeCurrent: true)
        defer {
            _ = try? first.remove([mine])
            _ = try? second.remove([theirs])
        }

        // A crash after the keyring write, before the row: an orphan of `first`.
        let orphan = SecretKey(
            profileID: Profile.newID(), profileName: "gone", email: "gone@example.com",
            apiHost: "api.aiven.io")
        try first.secretStore(.keyring).store("orphan-token", for: orphan)

        #expect(try first.sweepOrphans(in: .keyring) == [orphan.profileID])
        #expect(try first.token(for: mine) != nil)
        #expect(try second.token(for: theirs) != nil)
        #expect(try LibsecretStore().lookup(profileID: orphan.profileID) == nil)
    }

    @Test func theTokenNeverReachesTheDatabaseFiles() throws {
        let folder = try TemporaryFolder()
        let store = try makeStore(in: folder, name: "vault")
        let token =
            "KNOWN" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
            + String(repeating: "z", count: 300)
        let profile = try store.save(draft("scan"), token: token, makeCurrent: true)
        defer { _ = try? store.remove([profile]) }
        #expect(try store.token(for: profile) == token)

        for suffix in ["", "-wal", "-shm"] {
            let bytes = try Data(
                contentsOf: URL(fileURLWithPath: "\(folder.path)/vault.sqlite3\(suffix)"))
            #expect(bytes.range(of: Data(token.utf8.dropFirst(Profile.tokenPrefixLength))) == nil)
        }
    }
}
