import Foundation
import Testing

@testable import AvnVault

/// The plain-session reader behind `LibsecretStore.lookup`, against the
/// private keyring of `Scripts/with-keyring`.
@Suite(.serialized)
struct KeyringReaderTests {
    let store = LibsecretStore()

    private func read(_ profileID: String) throws -> KeyringReader.Answer {
        try KeyringReader(cancellation: Cancellation(), seconds: 3).lookup(profileID: profileID)
    }

    @Test func readsTheItemLibsecretStored() throws {
        let key = TestKeys.new()
        let token = "tok-" + UUID().uuidString
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store(token, for: key)
        #expect(try read(key.profileID) == .found(token))
    }

    @Test func readsEveryByteOfALongToken() throws {
        let key = TestKeys.new()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789+/=")
        let token = String((0..<4096).map { alphabet[$0 % alphabet.count] })
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store(token, for: key)
        #expect(try read(key.profileID) == .found(token))
    }

    @Test func profileWithoutItemIsMissing() throws {
        #expect(try read(TestKeys.new().profileID) == .missing)
    }

    @Test func itemsOfOtherProfilesAreNotMatched() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("token", for: key)
        #expect(try read(key.profileID + "x") == .missing)
        #expect(try read(String(key.profileID.dropLast())) == .missing)
    }

    @Test func secondItemOfAProfileIsLeftToTheStoreWhichReturnsTheNewest() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("older", for: key)
        // Change times have a resolution of one second.
        sleep(1)
        try KeyringSearch.store("newer", profileID: key.profileID, email: "other@example.com")
        #expect(try KeyringSearch.items(profileID: key.profileID).count == 2)
        #expect(try read(key.profileID) == .several)
        #expect(try store.lookup(profileID: key.profileID) == "newer")
    }

    @Test func cancelledReadFailsWithoutAnswering() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("token", for: key)
        let cancellation = Cancellation()
        cancellation.cancel()
        let error = #expect(throws: SecretStoreError.self) {
            try KeyringReader(cancellation: cancellation, seconds: 3)
                .lookup(profileID: key.profileID)
        }
        // A cancelled call is read as our own time limit running out.
        #expect(error?.reason == .timedOut(seconds: 3))
    }
}
