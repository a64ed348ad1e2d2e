import CLibsecret
import FoundationEssentials

/// One connection to the Secret Service, used by one call on one thread.
///
/// Owns the service proxy and frees it, and turns every GError into a
/// `SecretStoreError`.
final class KeyringSession {
    private let service: UnsafeMutablePointer<SecretService>
    private let cancellation: Cancellation
    private let seconds: Double

    /// Connects to the session bus and the service; `openSession` is needed
    /// only to send or receive secrets.
    init(openSession: Bool, cancellation: Cancellation, seconds: Double) throws(SecretStoreError) {
        self.cancellation = cancellation
        self.seconds = seconds
        var error: UnsafeMutablePointer<GError>?
        let opened = avn_service_open(openSession ? 1 : 0, cancellation.pointer, &error)
        guard let opened else {
            throw Self.failure(error, cancellation: cancellation, seconds: seconds)
        }
        service = opened
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(service))
    }

    /// Whether the collection new items go to is locked.
    func defaultCollectionIsLocked() throws(SecretStoreError) -> Bool {
        var error: UnsafeMutablePointer<GError>?
        guard let collection = avn_default_collection(service, cancellation.pointer, &error) else {
            if error != nil { throw failure(error) }
            throw SecretStoreError(
                store: .keyring,
                reason: .failed(
                    "the keyring has no default collection; create one, for example with Seahorse, "
                        + "and try again"))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(collection)) }
        return secret_collection_get_locked(collection) != 0
    }

    /// Our items, of every collection, for one profile or for all.
    func items(
        profileID: String?, vaultID: String? = nil, loadSecrets: Bool
    ) throws(SecretStoreError) -> KeyringItems {
        let attributes = avn_attributes_new(profileID, nil, nil, vaultID)
        defer { g_hash_table_unref(attributes) }
        var error: UnsafeMutablePointer<GError>?
        let list = avn_search(
            service, attributes, loadSecrets ? 1 : 0, cancellation.pointer, &error)
        if let error { throw failure(error) }
        return KeyringItems(list: list)
    }

    /// Stores into the default collection; equal attributes replace the old item.
    func store(_ token: String, for key: SecretKey, vaultID: String?) throws(SecretStoreError) {
        let attributes = avn_attributes_new(key.profileID, key.email, key.apiHost, vaultID)
        defer { g_hash_table_unref(attributes) }
        let label = "Aiven token for \(key.email) (\(key.profileName))"
        var error: UnsafeMutablePointer<GError>?
        let stored = token.utf8CString.withUnsafeBufferPointer { bytes in
            avn_store(
                service, attributes, label, bytes.baseAddress, gsize(bytes.count - 1),
                cancellation.pointer, &error)
        }
        if stored == 0 { throw failure(error) }
    }

    func delete(_ item: KeyringItem) throws(SecretStoreError) {
        var error: UnsafeMutablePointer<GError>?
        if secret_item_delete_sync(item.pointer, cancellation.pointer, &error) == 0 {
            throw failure(error)
        }
    }

    private func failure(_ error: UnsafeMutablePointer<GError>?) -> SecretStoreError {
        Self.failure(error, cancellation: cancellation, seconds: seconds)
    }

    /// Classifies and frees `error`.
    static func failure(
        _ error: UnsafeMutablePointer<GError>?, cancellation: Cancellation, seconds: Double
    ) -> SecretStoreError {
        guard let error else {
            return SecretStoreError(store: .keyring, reason: .failed("the keyring gave no reason"))
        }
        defer { g_error_free(error) }
        let reason = KeyringFailure(error).reason(
            cancelledByTimer: cancellation.isCancelled, seconds: seconds)
        return SecretStoreError(store: .keyring, reason: reason)
    }
}

/// The items a search found; frees the list and its references.
final class KeyringItems {
    private let list: UnsafeMutablePointer<GList>?
    let all: [KeyringItem]

    init(list: UnsafeMutablePointer<GList>?) {
        self.list = list
        var items: [KeyringItem] = []
        var node = list
        while let current = node {
            items.append(KeyringItem(pointer: avn_item_at(current)))
            node = current.pointee.next
        }
        all = items
    }

    deinit {
        if let list { avn_item_list_free(list) }
    }
}

/// An item borrowed from a `KeyringItems`, valid while that list lives.
struct KeyringItem {
    let pointer: UnsafeMutablePointer<SecretItem>

    func attribute(_ name: String) -> String? {
        guard let value = avn_item_attribute(pointer, name) else { return nil }
        defer { g_free(value) }
        return String(cString: value)
    }

    var isLocked: Bool { secret_item_get_locked(pointer) != 0 }

    var modified: UInt64 { UInt64(secret_item_get_modified(pointer)) }

    /// The loaded secret, or nil when it was not loaded (locked item).
    var secret: String? {
        guard let value = secret_item_get_secret(pointer) else { return nil }
        defer { secret_value_unref(UnsafeMutableRawPointer(value)) }
        var length = 0
        // secret_value_get: "The value is not necessarily null-terminated", so
        // the length is used, not the terminator.
        guard let bytes = secret_value_get(value, &length) else { return nil }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension KeyringFailure {
    /// Reads the parts of a GError that classification needs; does not free it.
    init(_ error: UnsafeMutablePointer<GError>) {
        let domain = error.pointee.domain
        let kind: Domain =
            switch domain {
            case avn_io_error_domain(): .io
            case avn_dbus_error_domain(): .dbus
            case avn_secret_error_domain(): .secret
            default: .other
            }
        var remoteName: String?
        if let remote = g_dbus_error_get_remote_error(error) {
            remoteName = String(cString: remote)
            g_free(remote)
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? ""
        self.init(domain: kind, code: error.pointee.code, remoteName: remoteName, message: message)
    }
}
