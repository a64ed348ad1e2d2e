import CLibsecret
import FoundationEssentials

/// Reads one profile's token from the Secret Service over a "plain" session,
/// with three D-Bus calls on the user's session bus and no libsecret objects.
///
/// This is the token helper's path: it skips the encrypted session that
/// libsecret always negotiates, whose key exchange costs more than the rest
/// of the lookup. Anything but a single unlocked item is left to the caller.
final class KeyringReader {
    enum Answer: Equatable {
        /// No item belongs to the profile.
        case missing
        /// The secret of the profile's only item (`nil` when it has none).
        case found(String?)
        /// More than one item, or an unlocked one beside locked ones: the
        /// caller compares them.
        case several
        /// Every item of the profile is locked.
        case locked
    }

    /// The shared `GDBusConnection`, opaque to Swift.
    private let bus: OpaquePointer
    private let cancellation: Cancellation
    private let seconds: Double

    init(cancellation: Cancellation, seconds: Double) throws(SecretStoreError) {
        self.cancellation = cancellation
        self.seconds = seconds
        var error: UnsafeMutablePointer<GError>?
        guard let bus = avn_session_bus(cancellation.pointer, &error) else {
            throw KeyringSession.failure(error, cancellation: cancellation, seconds: seconds)
        }
        self.bus = bus
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(bus))
    }

    func lookup(profileID: String) throws(SecretStoreError) -> Answer {
        var unlocked: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>?
        var locked: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>?
        var error: UnsafeMutablePointer<GError>?
        let searched = avn_plain_search(
            bus, profileID, &unlocked, &locked, cancellation.pointer, &error)
        defer {
            g_strfreev(unlocked)
            g_strfreev(locked)
        }
        guard searched != 0 else { throw failure(error) }
        switch (Self.count(unlocked), Self.count(locked)) {
        case (0, 0): return .missing
        case (0, _): return .locked
        case (1, 0):
            guard let only = unlocked?.pointee else { return .several }
            return .found(try secret(atPath: only))
        default: return .several
        }
    }

    private func secret(atPath item: UnsafeMutablePointer<gchar>) throws(SecretStoreError)
        -> String?
    {
        var error: UnsafeMutablePointer<GError>?
        guard let session = avn_plain_session(bus, cancellation.pointer, &error) else {
            throw failure(error)
        }
        defer { g_free(session) }
        var length: gsize = 0
        guard
            let bytes = avn_plain_secret(
                bus, item, session, &length, cancellation.pointer, &error)
        else {
            throw failure(error)
        }
        defer { avn_secret_free(bytes, length) }
        guard length > 0 else { return nil }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }

    private static func count(_ list: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>?) -> Int {
        guard let list else { return 0 }
        return Int(g_strv_length(list))
    }

    private func failure(_ error: UnsafeMutablePointer<GError>?) -> SecretStoreError {
        KeyringSession.failure(error, cancellation: cancellation, seconds: seconds)
    }
}
