import FoundationEssentials

/// Write access to the vault inside one `BEGIN IMMEDIATE` transaction.
public final class VaultWriter: VaultReader {
    /// Adds a new profile.
    ///
    /// - Throws: `VaultError.profileNameTaken` when the name is in use.
    public func insert(_ profile: Profile) throws {
        if try self.profile(named: profile.name) != nil {
            throw VaultError.profileNameTaken(profile.name)
        }
        try run(
            "INSERT INTO profile (\(Self.profileColumns)) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Self.values(of: profile))
    }

    /// Replaces the stored profile with the same id.
    public func update(_ profile: Profile) throws {
        if let holder = try self.profile(named: profile.name), holder.id != profile.id {
            throw VaultError.profileNameTaken(profile.name)
        }
        var values = Array(Self.values(of: profile).dropFirst())
        values.append(.text(profile.id))
        try run(
            """
            UPDATE profile SET name = ?, email = ?, api_url = ?, tenant = ?, login_method = ?,
                token_prefix = ?, created_at = ?, last_used_at = ?, last_verified_at = ?,
                expires_at = ?, state = ?, secret_store = ?
            WHERE id = ?
            """,
            values)
    }

    /// Deletes a profile; it stops being current if it was.
    public func delete(profileID: String) throws {
        try run("DELETE FROM profile WHERE id = ?", [.text(profileID)])
    }

    /// Makes a profile current, or clears the current profile with `nil`.
    public func setCurrent(profileID: String?) throws {
        guard let profileID else {
            try run("DELETE FROM current_profile", [])
            return
        }
        try run(
            "INSERT INTO current_profile (singleton, profile_id) VALUES (1, ?) "
                + "ON CONFLICT (singleton) DO UPDATE SET profile_id = excluded.profile_id",
            [.text(profileID)])
    }

    public func setSetting(_ key: String, to value: String?) throws {
        guard let value else {
            try run("DELETE FROM setting WHERE key = ?", [.text(key)])
            return
        }
        try run(
            "INSERT INTO setting (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [.text(key), .text(value)])
    }

    private func run(_ sql: String, _ values: [SQLiteValue]) throws {
        let statement = try connection.prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    private static func values(of profile: Profile) -> [SQLiteValue] {
        [
            .text(profile.id), .text(profile.name), .text(profile.email), .text(profile.apiURL),
            SQLiteValue(profile.tenant), .text(profile.loginMethod.rawValue),
            SQLiteValue(profile.tokenPrefix), .integer(seconds(profile.createdAt)),
            SQLiteValue(profile.lastUsedAt.map(seconds)),
            SQLiteValue(profile.lastVerifiedAt.map(seconds)),
            SQLiteValue(profile.expiresAt.map(seconds)),
            .text(profile.state.rawValue), .text(profile.secretStore.rawValue),
        ]
    }

    private static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
