import CSQLite

/// Makes SQLite copy bound text before `bind` returns (`SQLITE_TRANSIENT`, a
/// C cast of -1 that Swift does not import).
private let copyBoundValue = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One compiled statement. Finalized when the last reference goes away.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection  // keeps the database open while we live
    private let sql: String

    init(_ sql: String, on connection: SQLiteConnection) throws(SQLiteError) {
        var raw: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &raw, nil)
        guard code == SQLITE_OK, let raw else {
            sqlite3_finalize(raw)  // harmless on NULL, per the C docs
            throw connection.error(code, sql: sql)
        }
        self.handle = raw
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds each value to its 1-based parameter, in order.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code =
                switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let number): sqlite3_bind_int64(handle, index, number)
                case .text(let text): sqlite3_bind_text(handle, index, text, -1, copyBoundValue)
                }
            guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
        }
    }

    /// Calls `sqlite3_step`. Returns `false` once the statement is done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: true
        case SQLITE_DONE: false
        case let code: throw connection.error(code, sql: sql)
        }
    }

    /// Steps through every row, calling `body` for each.
    func forEachRow(_ body: (SQLiteStatement) throws -> Void) throws {
        while try step() {
            try body(self)
        }
    }

    func text(at column: Int32) -> String? {
        sqlite3_column_text(handle, column).map { String(cString: $0) }
    }

    func integer(at column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL
            ? nil : sqlite3_column_int64(handle, column)
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}

/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case integer(Int64)
    case text(String)

    init(_ text: String?) {
        self = text.map(SQLiteValue.text) ?? .null
    }

    init(_ number: Int64?) {
        self = number.map(SQLiteValue.integer) ?? .null
    }
}
