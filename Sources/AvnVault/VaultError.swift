/// Failures of the vault that reach the person at the terminal. No case
/// carries a token, a password or a bound SQL value.
public enum VaultError: Error, Equatable, CustomStringConvertible {
    /// The vault was written by a newer avn.
    case newerSchema(path: String, found: Int64, supported: Int64)
    /// The file exists but is not an avn vault.
    case notAVault(path: String)
    /// A file or folder has permissions we can neither accept nor tighten.
    case insecurePermissions(path: String, detail: String)
    /// The vault folder or file could not be created or opened.
    case cannotOpen(path: String, detail: String)
    /// Another profile already has this name.
    case profileNameTaken(String)
    case noSuchProfile(String)
    /// An SQLite failure; the SQL text is kept, bound values never are.
    case database(SQLiteError)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            "the vault \(path) was written by a newer avn (schema \(found), this avn knows up "
                + "to \(supported)); upgrade avn, or point --vault or AVN_VAULT at another vault"
        case .notAVault(let path):
            "\(path) is not an avn vault (not an SQLite database); move it away or choose "
                + "another path with --vault"
        case .insecurePermissions(let path, let detail):
            "refusing to use \(path): \(detail)"
        case .cannotOpen(let path, let detail):
            "cannot open the vault \(path): \(detail)"
        case .profileNameTaken(let name):
            "a profile named '\(name)' already exists; choose another name with --profile"
        case .noSuchProfile(let name):
            "no profile named '\(name)'; 'avn user profiles' lists them"
        case .database(let error):
            "the vault database failed: \(error)"
        }
    }
}
