import CSQLite

/// One open SQLite database. Closed when the last reference goes away.
///
/// Not `Sendable`: a connection is used by one thread at a time.
final class SQLiteConnection {
    let handle: OpaquePointer

    /// Opens (and creates when missing) the database at `path`.
    ///
    /// Calls `sqlite3_open_v2`. "Whether or not an error occurs when it is
    /// opened, resources associated with the database connection handle should
    /// be released by passing it to sqlite3_close() when it is no longer
    /// required", so a failed open still closes the handle.
    init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var raw: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &raw, flags, nil)
        guard code == SQLITE_OK, let raw else {
            let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(raw)
            throw SQLiteError(code: code & 0xFF, message: message, sql: nil)
        }
        handle = raw
        sqlite3_extended_result_codes(raw, 0)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Keeps the write-ahead log when the connection closes: no checkpoint
    /// and no fsync at the end of every command (see the shim).
    func keepWriteAheadLog() {
        _ = avn_sqlite_keep_wal(handle)
    }

    /// Waits up to `milliseconds` for a lock held by another process.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs SQL that returns no rows; several statements may be separated by `;`.
    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(sql, on: self)
    }

    /// The first column of the first row of `sql`, as an integer.
    func integer(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.integer(at: 0) : nil
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so two writers never both read
    /// and then fail to upgrade: the second waits (busy timeout) instead of
    /// failing with "database is locked".
    func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ code: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: code & 0xFF, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
