import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("Kernel keyring store")
struct KernelKeyringStoreTests {
    private let store = KernelKeyringStore(vaultID: "test-\(UUID().uuidString)")

    private func key(_ id: String = Profile.newID()) -> SecretKey {
        SecretKey(profileID: id, profileName: "p", email: "a@example.com", apiHost: "h")
    }

    @Test func roundTripsAndOverwrites() throws {
        let key = key()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("first+/=token", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "first+/=token")
        try store.store("second-token", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "second-token")
        #expect(try store.profileIDs() == [key.profileID])
    }

    @Test func deletesAndMisses() throws {
        let key = key()
        try store.store("token", for: key)
        #expect(try store.delete(profileID: key.profileID))
        #expect(try store.lookup(profileID: key.profileID) == nil)
        #expect(try store.delete(profileID: key.profileID) == false)
        #expect(try store.lookup(profileID: "never-stored") == nil)
    }

    @Test func keepsVaultsApart() throws {
        let other = KernelKeyringStore(vaultID: "other-\(UUID().uuidString)")
        let mine = key()
        let theirs = key()
        defer {
            _ = try? store.delete(profileID: mine.profileID)
            _ = try? other.delete(profileID: theirs.profileID)
        }
        try store.store("mine", for: mine)
        try other.store("theirs", for: theirs)
        #expect(try store.profileIDs() == [mine.profileID])
        #expect(try other.profileIDs() == [theirs.profileID])
        #expect(try store.lookup(profileID: theirs.profileID) == nil)
    }

    @Test func anotherProcessOfTheUserReadsTheKeyButNoOneElseMay() throws {
        let key = key()
        defer { _ = try? store.delete(profileID: key.profileID) }
        try store.store("shared-with-my-processes", for: key)

        let description = "avn:\(store.vaultID):\(key.profileID)"
        let search = try run("/usr/bin/keyctl", ["search", "@u", "user", description])
        let serial = search.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run("/usr/bin/keyctl", ["print", serial]) == "shared-with-my-processes\n")
        // keyctl rdescribe: "type;uid;gid;perm;description"; perm in hex.
        let fields = try run("/usr/bin/keyctl", ["rdescribe", serial]).split(separator: ";")
        let permissions = try #require(UInt32(fields[3], radix: 16))
        #expect(permissions & 0x0000_FFFF == 0, "group or others may reach the key")
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
