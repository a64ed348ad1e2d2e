import AvnVault
import Foundation
import Glibc
import Testing

@Suite final class FileSecretStoreTests {
    let scratch: URL
    let folder: URL
    let store: FileSecretStore

    init() {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-file-store-\(UUID().uuidString)")
        folder = scratch.appendingPathComponent("secrets")
        store = FileSecretStore(directory: folder)
    }

    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    static func mode(_ url: URL) throws -> mode_t {
        var info = stat()
        try #require(stat(url.path, &info) == 0)
        return info.st_mode & 0o777
    }

    static func reason(_ body: () throws -> Void) -> SecretStoreError.Reason? {
        do {
            try body()
            return nil
        } catch {
            return (error as? SecretStoreError)?.reason
        }
    }

    @Test func storedTokenIsReturnedByLookup() throws {
        let key = TestKeys.new()
        try store.store("token-one", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "token-one")
        #expect(store.kind == .file)
    }

    @Test func aTemporaryLeftByAKilledWriterIsDeleted() throws {
        let key = TestKeys.new()
        try store.store("first", for: key)
        let leftover = folder.appendingPathComponent(".tokens.json.123456.tmp")
        try Data("secret-of-a-killed-writer".utf8).write(to: leftover)

        try store.store("second", for: key)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try store.lookup(profileID: key.profileID) == "second")
    }

    @Test func storingAgainReplacesTheToken() throws {
        let key = TestKeys.new()
        try store.store("old", for: key)
        try store.store("new", for: key)
        #expect(try store.lookup(profileID: key.profileID) == "new")
        #expect(try store.profileIDs() == [key.profileID])
    }

    @Test func deleteRemovesTheTokenOnce() throws {
        let key = TestKeys.new()
        let other = TestKeys.new()
        try store.store("token", for: key)
        try store.store("kept", for: other)
        #expect(try store.delete(profileID: key.profileID))
        #expect(try store.lookup(profileID: key.profileID) == nil)
        #expect(try store.delete(profileID: key.profileID) == false)
        #expect(try store.lookup(profileID: other.profileID) == "kept")
    }

    @Test func deletingTheLastTokenRemovesTheFile() throws {
        let key = TestKeys.new()
        try store.store("token", for: key)
        try store.delete(profileID: key.profileID)
        #expect(!FileManager.default.fileExists(atPath: store.fileURL.path))
        #expect(try store.profileIDs().isEmpty)
    }

    @Test func missingFileAndFolderMeanNoToken() throws {
        #expect(try store.lookup(profileID: "nobody") == nil)
        #expect(try store.profileIDs().isEmpty)
        #expect(try store.delete(profileID: "nobody") == false)
    }

    @Test func folderIs0700AndFileIs0600() throws {
        try store.store("token", for: TestKeys.new())
        #expect(try Self.mode(folder) == 0o700)
        #expect(try Self.mode(store.fileURL) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["tokens.json"])
    }

    @Test func looseFolderIsTightened() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #require(chmod(folder.path, 0o755) == 0)
        try store.store("token", for: TestKeys.new())
        #expect(try Self.mode(folder) == 0o700)
    }

    @Test(arguments: [0o644, 0o640, 0o606] as [mode_t])
    func looseFileIsRefused(mode: mode_t) throws {
        let key = TestKeys.new()
        try store.store("secret-value", for: key)
        try #require(chmod(store.fileURL.path, mode) == 0)
        let reason = Self.reason { _ = try store.lookup(profileID: key.profileID) }
        guard case .fileProblem(let detail) = reason else {
            Issue.record("expected a file problem, got \(String(describing: reason))")
            return
        }
        #expect(detail.contains("chmod 600"))
        #expect(Self.reason { try store.store("new", for: key) } == reason)
        #expect(!detail.contains("secret-value"))
        #expect(try Self.mode(store.fileURL) == mode)
    }

    @Test func corruptFileIsAClearProblem() throws {
        let key = TestKeys.new()
        try store.store("secret-value", for: key)
        try Data("{\"version\": 1, \"tokens\": [".utf8).write(to: store.fileURL)
        let reason = Self.reason { _ = try store.lookup(profileID: key.profileID) }
        #expect(
            reason
                == .fileProblem(
                    "\(store.fileURL.path) is not a valid token file; fix it "
                        + "or remove it and store the tokens again"))
        #expect(Self.reason { try store.store("x", for: key) } == reason)
        let error = SecretStoreError(store: .file, reason: try #require(reason))
        #expect(error.description.hasPrefix("the token file store cannot be used: "))
    }

    @Test func fileHoldsOnlyIdsTokensAndNonSecretDetails() throws {
        let key = TestKeys.new()
        try store.store("abc", for: key)
        let text = try String(contentsOf: store.fileURL, encoding: .utf8)
        #expect(text.contains("\"\(key.profileID)\""))
        #expect(text.contains("\"token\" : \"abc\""))
        #expect(text.contains("\"api\" : \"api.aiven.io\""))
        #expect(!text.contains("work"))
    }

    @Test func concurrentStoresAllLand() async throws {
        let keys = (0..<8).map { _ in TestKeys.new() }
        let store = store
        await withTaskGroup(of: Void.self) { group in
            for key in keys {
                group.addTask { try? store.store("t-\(key.profileID)", for: key) }
            }
        }
        #expect(try store.profileIDs() == Set(keys.map(\.profileID)))
    }
}
