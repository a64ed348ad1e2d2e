import FoundationEssentials
import Glibc

/// Keeps tokens in one plain-text JSON file readable only by the user.
///
/// The folder is kept at mode 0700 and the file at 0600. A file that others
/// could read is refused rather than used, since its tokens may have leaked.
/// Writes go to a new 0600 file that replaces the old one by rename, under
/// an exclusive lock on the folder, so readers never see a partial file.
public struct FileSecretStore: SecretStore {
    public var kind: SecretStoreKind { .file }
    /// The folder holding `tokens.json`.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The token file.
    public var fileURL: URL { directory.appendingPathComponent(Self.fileName) }

    static let fileName = "tokens.json"

    public func store(_ token: String, for key: SecretKey) throws(SecretStoreError) {
        try update { entries in
            entries[key.profileID] = TokenEntry(token: token, email: key.email, api: key.apiHost)
        }
    }

    public func lookup(profileID: String) throws(SecretStoreError) -> String? {
        guard var data = try TokenFile.read(fileURL) else { return nil }
        defer { wipe(&data) }
        return try TokenFile.decode(data, path: fileURL.path)[profileID]?.token
    }

    @discardableResult
    public func delete(profileID: String) throws(SecretStoreError) -> Bool {
        var found = false
        try update { entries in
            found = entries.removeValue(forKey: profileID) != nil
        }
        return found
    }

    public func profileIDs() throws(SecretStoreError) -> Set<String> {
        guard var data = try TokenFile.read(fileURL) else { return [] }
        defer { wipe(&data) }
        return Set(try TokenFile.decode(data, path: fileURL.path).keys)
    }

    /// Reads, changes and rewrites the file while holding the folder's lock.
    private func update(
        _ change: (inout [String: TokenEntry]) -> Void
    ) throws(SecretStoreError) {
        let folder = try TokenFolder.open(directory)
        defer { folder.close() }
        try folder.lock()
        var entries: [String: TokenEntry] = [:]
        if var data = try TokenFile.read(fileURL) {
            defer { wipe(&data) }
            entries = try TokenFile.decode(data, path: fileURL.path)
        }
        let before = entries
        change(&entries)
        guard entries != before else { return }
        if entries.isEmpty {
            try folder.remove(Self.fileName)
        } else {
            var encoded = try TokenFile.encode(entries)
            defer { wipe(&encoded) }
            try folder.replace(Self.fileName, with: encoded)
        }
    }
}

/// One profile's entry in the token file.
struct TokenEntry: Codable, Equatable {
    var token: String
    var email: String
    var api: String
}

extension SecretStoreError {
    /// The error every file problem becomes; `detail` names the path and what to do.
    static func file(_ detail: String) -> SecretStoreError {
        SecretStoreError(store: .file, reason: .fileProblem(detail))
    }

    /// The text of the current `errno`.
    static var errnoText: String {
        String(cString: strerror(errno))
    }
}
