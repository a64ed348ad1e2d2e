import CKeyutils
import Glibc

/// Keeps tokens in the Linux kernel's key retention service.
///
/// Each token is a `user` key described as `avn:VAULT:PROFILE` in a keyring
/// named `avn` that is linked into the user keyring (`@u`). Nothing touches the
/// disk and no D-Bus or prompt is involved, which suits headless machines; the
/// keys vanish when the machine restarts.
public struct KernelKeyringStore: SecretStore {
    public var kind: SecretStoreKind { .kernel }
    /// The owning vault's id, part of every key's description.
    public let vaultID: String

    static let keyringName = "avn"

    public init(vaultID: String) {
        self.vaultID = vaultID
    }

    public func store(_ token: String, for key: SecretKey) throws(SecretStoreError) {
        guard let keyring = try avnKeyring(create: true) else {
            throw failure("cannot create the avn keyring")
        }
        var bytes = Array(token.utf8)
        defer { wipe(&bytes) }
        let serial = bytes.withUnsafeBytes { payload in
            add_key(
                "user", description(of: key.profileID), payload.baseAddress, payload.count,
                keyring)
        }
        guard serial >= 0 else { throw failure("cannot add the key") }
        // add_key(2): "If the destination keyring already contains a key that
        // matches the specified type and description, then ... the existing
        // key will be updated", so a new token replaces the old in one call.
        guard keyctl_setperm(serial, avn_private_key_permissions()) == 0 else {
            throw failure("cannot restrict the key's permissions")
        }
    }

    public func lookup(profileID: String) throws(SecretStoreError) -> String? {
        guard let serial = try find(profileID) else { return nil }
        var buffer: UnsafeMutableRawPointer?
        let length = Int(keyctl_read_alloc(serial, &buffer))
        guard length >= 0, let buffer else {
            if errno == ENOKEY || errno == EKEYREVOKED || errno == EKEYEXPIRED { return nil }
            throw failure("cannot read the key")
        }
        defer {
            explicit_bzero(buffer, length)
            free(buffer)
        }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }

    @discardableResult
    public func delete(profileID: String) throws(SecretStoreError) -> Bool {
        guard let serial = try find(profileID) else { return false }
        // Invalidation removes the key from every keyring at once.
        guard keyctl_invalidate(serial) == 0 || errno == ENOKEY else {
            throw failure("cannot delete the key")
        }
        return true
    }

    public func profileIDs() throws(SecretStoreError) -> Set<String> {
        guard let keyring = try avnKeyring(create: false) else { return [] }
        var buffer: UnsafeMutableRawPointer?
        let length = Int(keyctl_read_alloc(keyring, &buffer))
        guard length >= 0, let buffer else { throw failure("cannot list the avn keyring") }
        defer { free(buffer) }

        let serials = UnsafeRawBufferPointer(start: buffer, count: length)
            .bindMemory(to: key_serial_t.self)
        let prefix = "avn:\(vaultID):"
        var ids: Set<String> = []
        for serial in serials {
            var text: UnsafeMutablePointer<CChar>?
            guard keyctl_describe_alloc(serial, &text) >= 0, let text else { continue }
            defer { free(text) }
            // "type;uid;gid;perm;description"
            let fields = String(cString: text).split(separator: ";", maxSplits: 4)
            if fields.count == 5, fields[0] == "user", fields[4].hasPrefix(prefix) {
                ids.insert(String(fields[4].dropFirst(prefix.count)))
            }
        }
        return ids
    }

    // MARK: - Helpers

    private func description(of profileID: String) -> String {
        "avn:\(vaultID):\(profileID)"
    }

    private func find(_ profileID: String) throws(SecretStoreError) -> key_serial_t? {
        guard let keyring = try avnKeyring(create: false) else { return nil }
        let serial = keyctl_search(keyring, "user", description(of: profileID), 0)
        if serial >= 0 { return key_serial_t(serial) }
        if errno == ENOKEY || errno == EKEYREVOKED || errno == EKEYEXPIRED { return nil }
        throw failure("cannot search the avn keyring")
    }

    /// The `avn` keyring inside the user keyring, created when asked.
    private func avnKeyring(create: Bool) throws(SecretStoreError) -> key_serial_t? {
        let found = keyctl_search(avn_user_keyring(), "keyring", Self.keyringName, 0)
        if found >= 0 { return key_serial_t(found) }
        guard errno == ENOKEY || errno == EKEYREVOKED else {
            throw failure("cannot reach the user keyring")
        }
        guard create else { return nil }
        let serial = add_key("keyring", Self.keyringName, nil, 0, avn_user_keyring())
        guard serial >= 0 else { throw failure("cannot create the avn keyring") }
        guard keyctl_setperm(serial, avn_private_key_permissions()) == 0 else {
            throw failure("cannot restrict the avn keyring's permissions")
        }
        return serial
    }

    private func failure(_ what: String) -> SecretStoreError {
        let reason = String(cString: strerror(errno))
        let hint =
            errno == ENOSYS || errno == EPERM || errno == EACCES
            ? " (the kernel key service may be unavailable here, for example inside a "
                + "container that blocks keyctl; choose the keyring or file store)"
            : ""
        return SecretStoreError(store: .kernel, reason: .failed("\(what): \(reason)\(hint)"))
    }
}
