import FoundationEssentials

/// Profiles and their tokens together, written in an order that survives a
/// crash at any point.
///
/// A token is stored while the vault's write lock is held and before the row
/// that names it is committed; a row is deleted and committed before its token
/// is deleted. A crash therefore leaves at worst a token with no row (an
/// orphan, removed by `sweepOrphans`), never a committed row whose token was
/// lost by avn.
public final class ProfileStore {
    public let vault: Vault
    private let storeFor: (SecretStoreKind) throws -> any SecretStore

    /// - Parameter stores: the secret store for a kind; throws when it cannot
    ///   be used on this machine.
    public init(vault: Vault, stores: @escaping (SecretStoreKind) throws -> any SecretStore) {
        self.vault = vault
        self.storeFor = stores
    }

    public func secretStore(_ kind: SecretStoreKind) throws -> any SecretStore {
        try storeFor(kind)
    }

    // MARK: - Saving a login

    /// Saves `profile` with `token`: adds it when its id is new, else replaces
    /// the stored profile and its token.
    ///
    /// - Parameter makeCurrent: also make it the profile in use.
    /// - Returns: the profile as stored, with its token prefix.
    @discardableResult
    public func save(_ profile: Profile, token: String, makeCurrent: Bool) throws -> Profile {
        var saved = profile
        saved.tokenPrefix = Profile.prefix(of: token)
        saved.state = .active
        let store = try storeFor(saved.secretStore)

        var replaced: (profile: Profile, token: String?)?
        var storedNewToken = false
        do {
            try vault.write { writer in
                if let existing = try writer.profile(id: saved.id) {
                    let oldToken = try? storeFor(existing.secretStore).lookup(profileID: saved.id)
                    replaced = (existing, oldToken)
                    try writer.update(saved)
                } else {
                    try writer.insert(saved)
                }
                FaultPoint.saveAfterRowWritten.reach()
                try store.store(token, for: saved.secretKey)
                storedNewToken = true
                if makeCurrent { try writer.setCurrent(profileID: saved.id) }
                FaultPoint.saveAfterTokenStored.reach()
            }
        } catch {
            if storedNewToken { undoStore(in: store, of: saved, replacing: replaced) }
            throw error
        }
        FaultPoint.saveAfterCommit.reach()

        if let old = replaced?.profile, old.secretStore != saved.secretStore {
            // Moved to another store; a failure here only leaves an orphan.
            _ = try? storeFor(old.secretStore).delete(profileID: old.id)
        }
        return saved
    }

    /// Undoes a token write whose row was not committed: a new profile's token
    /// goes away, a replaced one comes back, so the rows and tokens agree.
    private func undoStore(
        in store: any SecretStore, of profile: Profile,
        replacing replaced: (profile: Profile, token: String?)?
    ) {
        guard let replaced else {
            _ = try? store.delete(profileID: profile.id)
            return
        }
        if let oldToken = replaced.token, replaced.profile.secretStore == profile.secretStore {
            try? store.store(oldToken, for: replaced.profile.secretKey)
        }
    }

    // MARK: - Reading a token

    /// The token of `profile` from its store.
    ///
    /// - Returns: `nil` when the store has no token for it.
    public func token(for profile: Profile) throws -> String? {
        try storeFor(profile.secretStore).lookup(profileID: profile.id)
    }

    // MARK: - Removing

    /// Deletes the profiles and then their tokens.
    ///
    /// - Returns: the tokens that could not be deleted, with the reason; the
    ///   profiles are gone either way and the tokens become orphans.
    @discardableResult
    public func remove(_ profiles: [Profile]) throws -> [(Profile, any Error)] {
        try vault.write { writer in
            for profile in profiles {
                try writer.delete(profileID: profile.id)
            }
        }
        FaultPoint.removeAfterCommit.reach()
        return dropTokens(of: profiles)
    }

    /// Marks the profiles with `state` and then deletes their tokens.
    @discardableResult
    public func markAndDropTokens(
        _ profiles: [Profile], state: ProfileState
    ) throws -> [(Profile, any Error)] {
        try vault.write { writer in
            for var profile in profiles {
                profile.state = state
                try writer.update(profile)
            }
        }
        FaultPoint.markAfterCommit.reach()
        return dropTokens(of: profiles)
    }

    private func dropTokens(of profiles: [Profile]) -> [(Profile, any Error)] {
        var failures: [(Profile, any Error)] = []
        for profile in profiles {
            do {
                try storeFor(profile.secretStore).delete(profileID: profile.id)
                FaultPoint.dropAfterTokenDeleted.reach()
            } catch {
                failures.append((profile, error))
            }
        }
        return failures
    }

    // MARK: - Orphans

    /// Deletes the tokens in `kind`'s store that belong to no profile kept in
    /// that store: orphans, and copies left in a store a profile moved away from.
    ///
    /// Runs under the vault's write lock, so a login that has stored its token
    /// but not yet committed its row is never mistaken for an orphan.
    ///
    /// - Returns: the profile ids whose tokens were deleted.
    @discardableResult
    public func sweepOrphans(in kind: SecretStoreKind) throws -> [String] {
        let store = try storeFor(kind)
        return try vault.write { writer in
            let owners = try writer.profiles().filter { $0.secretStore == kind }
            let orphans = try store.profileIDs().subtracting(owners.map(\.id)).sorted()
            for id in orphans {
                try store.delete(profileID: id)
                FaultPoint.sweepAfterOrphanDeleted.reach()
            }
            return orphans
        }
    }
}

@available(*, unavailable)
extension ProfileStore: Sendable {}
