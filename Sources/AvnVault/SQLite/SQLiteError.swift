import CSQLite

/// A failure reported by SQLite. Carries the SQL text, never the bound values,
/// so a failing statement cannot leak what was bound to it.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, ...).
    public let code: Int32
    public let message: String
    public let sql: String?

    public var isBusy: Bool {
        code == SQLITE_BUSY || code == SQLITE_LOCKED
    }

    public var isConstraintViolation: Bool {
        code == SQLITE_CONSTRAINT
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
