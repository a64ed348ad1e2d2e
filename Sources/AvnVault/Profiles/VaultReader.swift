import FoundationEssentials

/// Read access to the vault inside one transaction.
public class VaultReader {
    let connection: SQLiteConnection

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    static let profileColumns = """
        id, name, email, api_url, tenant, login_method, token_prefix, created_at, \
        last_used_at, last_verified_at, expires_at, state, secret_store
        """

    /// Every profile, ordered by name.
    public func profiles() throws -> [Profile] {
        try query("SELECT \(Self.profileColumns) FROM profile ORDER BY name", [])
    }

    public func profile(named name: String) throws -> Profile? {
        try query("SELECT \(Self.profileColumns) FROM profile WHERE name = ?", [.text(name)]).first
    }

    public func profile(id: String) throws -> Profile? {
        try query("SELECT \(Self.profileColumns) FROM profile WHERE id = ?", [.text(id)]).first
    }

    /// The profiles of one account (the same email on the same API URL).
    public func profiles(email: String, apiURL: String) throws -> [Profile] {
        try query(
            "SELECT \(Self.profileColumns) FROM profile WHERE email = ? AND api_url = ? "
                + "ORDER BY name",
            [.text(email), .text(apiURL)])
    }

    /// How many profiles there are.
    public func profileCount() throws -> Int {
        Int(try connection.integer("SELECT COUNT(*) FROM profile") ?? 0)
    }

    /// The profile `avn user switch` made current, if any.
    public func currentProfile() throws -> Profile? {
        try query(
            "SELECT \(Self.profileColumns) FROM profile "
                + "WHERE id = (SELECT profile_id FROM current_profile WHERE singleton = 1)",
            []
        ).first
    }

    /// A vault-wide setting, such as the default secret store.
    public func setting(_ key: String) throws -> String? {
        let statement = try connection.prepare("SELECT value FROM setting WHERE key = ?")
        try statement.bind([.text(key)])
        return try statement.step() ? statement.text(at: 0) : nil
    }

    private func query(_ sql: String, _ values: [SQLiteValue]) throws -> [Profile] {
        let statement = try connection.prepare(sql)
        try statement.bind(values)
        var found: [Profile] = []
        try statement.forEachRow { row in
            found.append(try Self.decodeProfile(row))
        }
        return found
    }

    private static func decodeProfile(_ row: SQLiteStatement) throws -> Profile {
        let id = row.text(at: 0) ?? ""
        guard let method = row.text(at: 5).flatMap(LoginMethod.init(rawValue:)),
            let state = row.text(at: 11).flatMap(ProfileState.init(rawValue:)),
            let store = row.text(at: 12).flatMap(SecretStoreKind.init(rawValue:))
        else {
            throw SQLiteError(
                code: 11, message: "profile \(id) has a value this avn does not know", sql: nil)
        }
        return Profile(
            id: id,
            name: row.text(at: 1) ?? "",
            email: row.text(at: 2) ?? "",
            apiURL: row.text(at: 3) ?? "",
            tenant: row.text(at: 4),
            loginMethod: method,
            tokenPrefix: row.text(at: 6),
            createdAt: date(row.integer(at: 7)) ?? Date(timeIntervalSince1970: 0),
            lastUsedAt: date(row.integer(at: 8)),
            lastVerifiedAt: date(row.integer(at: 9)),
            expiresAt: date(row.integer(at: 10)),
            state: state,
            secretStore: store)
    }

    private static func date(_ seconds: Int64?) -> Date? {
        seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

@available(*, unavailable)
extension VaultReader: Sendable {}
