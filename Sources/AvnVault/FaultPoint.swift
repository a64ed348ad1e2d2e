#if DEBUG
    import Glibc
#endif

/// Named places between the steps of a change to the vault, its stores or the
/// server, where a debug build can be stopped on request to test that a crash
/// at any of them leaves a consistent vault.
///
/// In a debug build, `reach()` kills the process with SIGKILL when
/// `AVN_FAULT_POINT` names the point, and stops it with SIGSTOP when
/// `AVN_PAUSE_POINT` does (so a test can look at the process from outside).
/// In a release build it does nothing and no variable is read.
public enum FaultPoint: String, CaseIterable, Sendable {
    /// Every executable, right after it made itself non-dumpable.
    case processStarted = "process.started"

    /// `login`: the server made the session (or accepted the token); nothing is kept yet.
    case loginAfterServerLogin = "login.after-server-login"
    /// `login`: the expiry is known and the replaced token read; the save comes next.
    case loginBeforeSave = "login.before-save"
    /// `login`: the new token is committed; the replaced session is not yet revoked.
    case loginAfterSave = "login.after-save"
    /// `login`: the replaced session is revoked; the orphan sweep comes next.
    case loginAfterRevokeReplaced = "login.after-revoke-replaced"

    /// Saving a profile: the row is written, not committed; the token is not stored yet.
    case saveAfterRowWritten = "store.save.after-row-written"
    /// Saving a profile: the token is in its store, the row is not committed yet.
    case saveAfterTokenStored = "store.save.after-token-stored"
    /// Saving a profile: the row is committed; a token in a previous store is not deleted.
    case saveAfterCommit = "store.save.after-commit"

    /// The orphan sweep deleted one orphan token; others may remain.
    case sweepAfterOrphanDeleted = "store.sweep.after-orphan-deleted"

    /// `logout`, `remove`: the server revoked the token; nothing local is removed yet.
    case forgetAfterRevoke = "forget.after-revoke"
    /// Removing profiles: the rows are deleted and committed; their tokens are not.
    case removeAfterCommit = "store.remove.after-commit"
    /// Marking profiles expired or revoked: committed; their tokens are not deleted.
    case markAfterCommit = "store.mark.after-commit"
    /// Removing or marking profiles: one token is deleted; others may remain.
    case dropAfterTokenDeleted = "store.drop.after-token-deleted"

    /// `tokens-expire`: the server expired the tokens; no profile is marked yet.
    case tokensExpireAfterServerExpire = "tokens-expire.after-server-expire"

    /// `switch`: the new current profile is written, not committed.
    case switchBeforeCommit = "switch.before-commit"
    /// `switch`: the new current profile is committed.
    case switchAfterCommit = "switch.after-commit"

    /// `rename`: the new name is written, not committed.
    case renameBeforeCommit = "rename.before-commit"
    /// `rename`: the new name is committed; the keyring label still shows the old one.
    case renameAfterCommit = "rename.after-commit"

    /// `import`: the server accepted the file's token; nothing is kept yet.
    case importAfterVerify = "import.after-verify"
    /// `import`: the token is committed; the orphan sweep and the source file come next.
    case importAfterSave = "import.after-save"
    /// `import --delete-source`: everything is kept; the source file is not deleted yet.
    case importBeforeDeleteSource = "import.before-delete-source"

    /// `migrate-secrets`: one profile's token has moved; others may not have.
    case migrateAfterProfileMoved = "migrate.after-profile-moved"

    #if DEBUG
        /// Kills or stops the process when the environment names this point.
        public func reach() {
            if Self.named("AVN_FAULT_POINT") == rawValue { raise(SIGKILL) }
            if Self.named("AVN_PAUSE_POINT") == rawValue { raise(SIGSTOP) }
        }

        private static func named(_ variable: String) -> String? {
            getenv(variable).map { String(cString: $0) }
        }
    #else
        /// Does nothing: fault points exist in debug builds only.
        @inline(__always)
        public func reach() {}
    #endif
}
