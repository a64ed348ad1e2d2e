import Foundation
import Testing

@testable import AvnVault

/// Locks the private keyring's login collection, which cannot be unlocked
/// again without a prompt, so it runs alone: `Scripts/test` runs it on a
/// keyring of its own with `AVN_KEYRING_LOCK_TESTS=1`.
@Suite(
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["AVN_KEYRING_LOCK_TESTS"] == "1")
)
struct LockedKeyringTests {
    let store = LibsecretStore(timeout: 3)

    @Test func lockedCollectionIsReportedWithoutPrompting() throws {
        let key = TestKeys.new()
        try store.store("token", for: key)
        try Self.lockLoginCollection()

        let start = Date()
        #expect(try store.profileIDs().contains(key.profileID))
        #expect(Self.reason { _ = try store.lookup(profileID: key.profileID) } == .locked)
        let reader = try KeyringReader(cancellation: Cancellation(), seconds: 3)
        #expect(try reader.lookup(profileID: key.profileID) == .locked)
        #expect(Self.reason { try store.store("other", for: key) } == .locked)
        #expect(Self.reason { try store.store("new", for: TestKeys.new()) } == .locked)
        #expect(Self.reason { try store.delete(profileID: key.profileID) } == .locked)
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(try store.profileIDs().contains(key.profileID))
    }

    private static func reason(_ body: () throws -> Void) -> SecretStoreError.Reason? {
        do {
            try body()
            return nil
        } catch {
            return (error as? SecretStoreError)?.reason
        }
    }

    private static func lockLoginCollection() throws {
        let (output, errors) = try KeyringSearch.run(
            "/usr/bin/gdbus",
            [
                "call", "--session", "--dest", "org.freedesktop.secrets",
                "--object-path", "/org/freedesktop/secrets",
                "--method", "org.freedesktop.Secret.Service.Lock",
                "['/org/freedesktop/secrets/collection/login']",
            ])
        try #require(
            output.contains("/org/freedesktop/secrets/collection/login"),
            "locking failed: \(errors)")
    }
}
