import AvnVault

/// A command that changes the vault, its stores or the server, and how the
/// crash tests set it up and recover from a kill in it.
enum CrashScenario: String, CaseIterable, Sendable {
    /// A first login of an account, into a vault that holds another one.
    case freshLogin
    /// A second login of the same account, replacing its token in the keyring.
    case relogin
    /// A second login of the same account that moves it to the kernel store.
    case reloginToKernel
    /// A login whose orphan sweep has two planted orphans to delete.
    case loginWithOrphans
    case logout
    case remove
    /// `tokens-expire` for an account with two profiles.
    case tokensExpire
    case switchProfile
    case rename
    /// `import --delete-source` of the official client's credentials file.
    case importFile
    /// `migrate-secrets --to kernel --all` of two keyring profiles.
    case migrate
}

/// One fault point reached by one scenario.
struct CrashCase: Sendable, CustomStringConvertible {
    let point: FaultPoint
    let scenario: CrashScenario

    var description: String { "\(scenario.rawValue) killed at \(point.rawValue)" }

    static let all: [CrashCase] = table.flatMap { scenario, points in
        points.map { CrashCase(point: $0, scenario: scenario) }
    }

    private static let loginSteps: [FaultPoint] = [
        .processStarted, .loginAfterServerLogin, .loginBeforeSave, .saveAfterRowWritten,
        .saveAfterTokenStored, .saveAfterCommit, .loginAfterSave, .loginAfterRevokeReplaced,
    ]

    private static let table: [(CrashScenario, [FaultPoint])] = [
        (.freshLogin, loginSteps),
        (.relogin, loginSteps),
        (.reloginToKernel, [.saveAfterTokenStored, .saveAfterCommit, .loginAfterSave]),
        (.loginWithOrphans, [.sweepAfterOrphanDeleted]),
        (.logout, [.forgetAfterRevoke, .removeAfterCommit, .dropAfterTokenDeleted]),
        (.remove, [.forgetAfterRevoke, .removeAfterCommit, .dropAfterTokenDeleted]),
        (
            .tokensExpire,
            [.tokensExpireAfterServerExpire, .markAfterCommit, .dropAfterTokenDeleted]
        ),
        (.switchProfile, [.processStarted, .switchBeforeCommit, .switchAfterCommit]),
        (.rename, [.renameBeforeCommit, .renameAfterCommit]),
        (
            .importFile,
            [
                .importAfterVerify, .saveAfterRowWritten, .saveAfterTokenStored, .saveAfterCommit,
                .importAfterSave, .importBeforeDeleteSource,
            ]
        ),
        (
            .migrate,
            [
                .saveAfterRowWritten, .saveAfterTokenStored, .saveAfterCommit,
                .migrateAfterProfileMoved,
            ]
        ),
    ]

    /// The replaced session of a re-login is still valid on the server: it is
    /// revoked only after the new token is committed.
    var oldSessionStillValid: Bool {
        guard scenario == .relogin || scenario == .reloginToKernel else { return false }
        return point != .loginAfterRevokeReplaced
    }

    /// The profile still keeps exactly its old token: killed before the new one was stored.
    var oldTokenStillKept: Bool {
        switch scenario {
        case .relogin:
            [.processStarted, .loginAfterServerLogin, .loginBeforeSave, .saveAfterRowWritten]
                .contains(point)
        case .reloginToKernel:
            // The new token went to the kernel store; the uncommitted row still
            // names the keyring, which keeps the old token.
            point == .saveAfterTokenStored
        default: false
        }
    }
}
