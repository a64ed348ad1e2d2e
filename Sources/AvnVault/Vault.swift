import CSQLite
import FoundationEssentials

/// The SQLite database of profiles, the profile in use and settings.
///
/// Opening checks the schema version before anything is written, so a vault
/// from a newer avn is refused untouched. Each change runs in one
/// `BEGIN IMMEDIATE` transaction (`write`), so concurrent avn processes never
/// see half of it.
public final class Vault {
    public let path: String
    private let connection: SQLiteConnection

    /// How long a writer waits for another process's write lock.
    static let busyTimeoutMilliseconds: Int32 = 15_000

    /// Opens the vault at `path`, creating it (and its 0700 folder) when missing.
    ///
    /// - Parameter tightenFolder: make an existing parent folder 0700; set it
    ///   for avn's own data folder, never for a folder the user named.
    public init(path: String, tightenFolder: Bool) throws(VaultError) {
        self.path = path
        try FilePermissions.ensureFolder(
            FilePermissions.parentFolder(of: path), tighten: tightenFolder)
        try FilePermissions.ensureFile(path)
        for suffix in ["-wal", "-shm"] {
            try FilePermissions.tightenIfPresent(path + suffix)
        }

        do {
            connection = try SQLiteConnection(path: path)
        } catch {
            throw .cannotOpen(path: path, detail: error.message)
        }
        connection.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds)
        try prepareDatabase()
    }

    private func prepareDatabase() throws(VaultError) {
        do {
            // Read the version first: a newer vault must not be altered, and
            // switching the journal mode writes to the file.
            let version = try connection.integer("PRAGMA user_version") ?? 0
            guard version <= VaultSchema.currentVersion else {
                throw VaultError.newerSchema(
                    path: path, found: version, supported: VaultSchema.currentVersion)
            }
            try connection.execute("PRAGMA journal_mode = WAL")
            // In WAL mode NORMAL never corrupts the database; a power cut may
            // lose the last commit, which leaves at worst an orphan token that
            // the next login's sweep removes. It saves an fsync per command.
            try connection.execute("PRAGMA synchronous = NORMAL")
            connection.keepWriteAheadLog()
            try connection.execute("PRAGMA foreign_keys = ON")
            if version < VaultSchema.currentVersion { try migrate() }
        } catch let error as VaultError {
            throw error
        } catch let error as SQLiteError where error.code == SQLITE_NOTADB {
            throw .notAVault(path: path)
        } catch let error as SQLiteError {
            throw .database(error)
        } catch {
            throw .cannotOpen(path: path, detail: "\(error)")
        }
    }

    private func migrate() throws {
        try connection.immediateTransaction {
            // Another process may have migrated while we waited for the lock.
            let version = try connection.integer("PRAGMA user_version") ?? 0
            guard version < VaultSchema.currentVersion else { return }
            for step in VaultSchema.migrations[Int(version)...] {
                try connection.execute(step)
            }
            try connection.execute("PRAGMA user_version = \(VaultSchema.currentVersion)")
        }
        for suffix in ["-wal", "-shm"] {
            try FilePermissions.tightenIfPresent(path + suffix)
        }
    }

    /// The random id made with the vault; keyring items carry it so that
    /// vaults sharing one keyring keep apart.
    public func identifier() throws -> String {
        try read { try $0.setting("vault_id") } ?? path
    }

    /// What `PRAGMA integrity_check` reports: `["ok"]` for a sound database.
    public func integrityProblems() throws -> [String] {
        try mapSQLiteErrors {
            let statement = try connection.prepare("PRAGMA integrity_check")
            var lines: [String] = []
            try statement.forEachRow { lines.append($0.text(at: 0) ?? "") }
            return lines == ["ok"] ? [] : lines
        }
    }

    /// The schema version this avn writes.
    public static var supportedSchemaVersion: Int64 {
        VaultSchema.currentVersion
    }

    /// The schema version stored in the file.
    public func schemaVersion() throws -> Int64 {
        try mapSQLiteErrors { try connection.integer("PRAGMA user_version") ?? 0 }
    }

    // MARK: - Reading

    /// Runs `body` with read access to the vault (one consistent snapshot).
    public func read<T>(_ body: (VaultReader) throws -> T) throws -> T {
        try mapSQLiteErrors {
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            return try body(VaultReader(connection: connection))
        }
    }

    /// Every profile, ordered by name.
    public func profiles() throws -> [Profile] {
        try read { try $0.profiles() }
    }

    // MARK: - Writing

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction; nothing it wrote
    /// stays when it throws.
    public func write<T>(_ body: (VaultWriter) throws -> T) throws -> T {
        try mapSQLiteErrors {
            try connection.immediateTransaction {
                try body(VaultWriter(connection: connection))
            }
        }
    }

    /// Reports SQLite failures as vault errors; any other error passes through.
    private func mapSQLiteErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw VaultError.database(error)
        }
    }
}

@available(*, unavailable)
extension Vault: Sendable {}
