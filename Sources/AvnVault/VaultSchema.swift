/// The vault's tables, versioned with `PRAGMA user_version`.
///
/// Migrations only go forward. Each entry upgrades from the version before it
/// and runs inside the same transaction that records the new version.
enum VaultSchema {
    static let migrations: [String] = [
        // 1: profiles, the profile in use, and settings.
        """
        CREATE TABLE profile (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            api_url TEXT NOT NULL,
            tenant TEXT,
            login_method TEXT NOT NULL
                CHECK (login_method IN ('password', 'token', 'created')),
            token_prefix TEXT,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            last_verified_at INTEGER,
            expires_at INTEGER,
            state TEXT NOT NULL
                CHECK (state IN ('active', 'expired', 'revoked', 'needs_login')),
            secret_store TEXT NOT NULL
        );
        CREATE INDEX profile_account ON profile (email, api_url);
        CREATE TABLE current_profile (
            singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
            profile_id TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE
        );
        CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        INSERT INTO setting (key, value) VALUES ('vault_id', lower(hex(randomblob(16))));
        """
    ]

    /// The version this avn writes.
    static var currentVersion: Int64 {
        Int64(migrations.count)
    }
}
