import Foundation
import Testing

@testable import AvnVault

/// Runs against the private keyring of `Scripts/with-keyring`.
@Suite(.serialized)
struct LibsecretStoreTests {
    let store = LibsecretStore()

    @Test func storedTokenIsReturnedByLookup() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("token-one", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "token-one")
    }

    @Test func storingAgainReplacesTheTokenAndKeepsOneItem() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("old", for: key)
        try store.store("new", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "new")
        #expect(try KeyringSearch.items(profileID: key.profileID).count == 1)
    }

    @Test func storingWithAnotherEmailAndHostLeavesOneItem() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("old", for: key)
        var moved = key
        moved.email = "other@example.com"
        moved.apiHost = "127.0.0.1:8080"
        try store.store("new", for: moved)
        #expect(try store.lookup(profileID: key.profileID) == "new")
        let items = try KeyringSearch.items(profileID: key.profileID)
        try #require(items.count == 1)
        #expect(items[0].attributes["email"] == "other@example.com")
        #expect(items[0].attributes["api"] == "127.0.0.1:8080")
    }

    @Test func deleteRemovesTheTokenOnce() throws {
        let key = TestKeys.new()
        try store.store("token", for: key)
        #expect(try store.delete(profileID: key.profileID))
        #expect(try store.lookup(profileID: key.profileID) == nil)
        #expect(try store.delete(profileID: key.profileID) == false)
        #expect(try KeyringSearch.items(profileID: key.profileID).isEmpty)
    }

    @Test func lookupOfUnknownProfileIsNil() throws {
        #expect(try store.lookup(profileID: TestKeys.new().profileID) == nil)
    }

    @Test func sameEmailOnTwoHostsStaysApart() throws {
        let first = TestKeys.new(api: "api.aiven.io")
        let second = TestKeys.new(api: "127.0.0.1:8080")
        defer {
            _ = try? store.delete(profileID: first.profileID)
            _ = try? store.delete(profileID: second.profileID)
        }
        try store.store("first", for: first)
        try store.store("second", for: second)
        #expect(try store.lookup(profileID: first.profileID) == "first")
        #expect(try store.lookup(profileID: second.profileID) == "second")
        #expect(try store.profileIDs().isSuperset(of: [first.profileID, second.profileID]))
        try store.delete(profileID: first.profileID)
        #expect(try store.profileIDs().contains(first.profileID) == false)
        #expect(try store.lookup(profileID: second.profileID) == "second")
    }

    @Test func itemIsVisibleToSecretToolWithoutTheSecretInItsMetadata() throws {
        let key = TestKeys.new()
        let token = "tok-" + UUID().uuidString
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store(token, for: key)
        let items = try KeyringSearch.items(profileID: key.profileID)
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.label == "Aiven token for dev@example.com (work)")
        #expect(item.schema == "io.aiven.avn.Token")
        #expect(
            item.attributes == [
                "profile": key.profileID, "email": key.email, "api": key.apiHost,
            ])
        #expect(item.secret == token)
        #expect(!item.label.contains(token))
        #expect(!item.attributes.values.contains { $0.contains(token) })
    }

    @Test func tinyTimeoutGivesUpWithTimedOut() throws {
        let hurried = LibsecretStore(timeout: 0.000001)
        let error = #expect(throws: SecretStoreError.self) {
            try hurried.lookup(profileID: TestKeys.new().profileID)
        }
        #expect(error?.reason == .timedOut(seconds: 0.000001))
    }

    @Test func stalledCallIsCancelledAtTheTimeLimit() throws {
        let sawCancel = Flag()
        let stalled = LibsecretStore(timeout: 0.3) { cancellation in
            let giveUp = Date().addingTimeInterval(10)
            while !cancellation.isCancelled && Date() < giveUp { usleep(1_000) }
            if cancellation.isCancelled { sawCancel.set() }
        }
        let start = Date()
        let error = #expect(throws: SecretStoreError.self) {
            try stalled.lookup(profileID: TestKeys.new().profileID)
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(error?.reason == .timedOut(seconds: 0.3))
        #expect(elapsed >= 0.3 && elapsed < 1.5)
        #expect(error?.description.contains("within 0.3 seconds") == true)
        usleep(100_000)
        #expect(sawCancel.isSet)
    }

    @Test func lookupIsQuick() throws {
        let key = TestKeys.new()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("token", for: key)
        let start = Date()
        for _ in 0..<10 { _ = try store.lookup(profileID: key.profileID) }
        let each = Date().timeIntervalSince(start) / 10
        print("keyring lookup takes \(Int(each * 1000)) ms")
        #expect(each < 1)
    }
}

/// Keys with fresh profile ids, so tests never meet each other's items.
enum TestKeys {
    static func new(email: String = "dev@example.com", api: String = "api.aiven.io") -> SecretKey {
        let id = "test-" + UUID().uuidString.lowercased()
        return SecretKey(profileID: id, profileName: "work", email: email, apiHost: api)
    }
}

/// A thread-safe boolean that is set once.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
