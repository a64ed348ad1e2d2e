import FoundationEssentials

/// A failure reported by libsecret, reduced to what decides its meaning.
///
/// Kept apart from GLib types so the classification can be tested with any
/// error, including ones that are hard to provoke on a working desktop.
struct KeyringFailure: Equatable {
    enum Domain: Equatable {
        /// `G_IO_ERROR`: bus connection problems and cancellation.
        case io
        /// `G_DBUS_ERROR`: errors of the bus itself, such as an unknown service.
        case dbus
        /// `SECRET_ERROR`: errors libsecret maps from the Secret Service.
        case secret
        case other
    }

    // Codes of GIOErrorEnum, GDBusError and SecretError used below.
    static let ioFailed: Int32 = 0
    static let ioNotFound: Int32 = 1
    static let ioPermissionDenied: Int32 = 14
    static let ioCancelled: Int32 = 19
    static let ioTimedOut: Int32 = 24
    static let ioClosed: Int32 = 18
    static let ioConnectionRefused: Int32 = 39
    static let dbusServiceUnknown: Int32 = 2
    static let dbusNameHasNoOwner: Int32 = 3
    static let dbusNoReply: Int32 = 4
    static let dbusBadAddress: Int32 = 6
    static let dbusNoServer: Int32 = 11
    static let dbusTimeout: Int32 = 12
    static let dbusDisconnected: Int32 = 15
    static let dbusTimedOut: Int32 = 20
    static let secretIsLocked: Int32 = 2

    var domain: Domain
    var code: Int32
    /// The D-Bus error name when the error came from a peer, such as
    /// `org.freedesktop.DBus.Error.ServiceUnknown`.
    var remoteName: String?
    var message: String

    init(domain: Domain, code: Int32, remoteName: String? = nil, message: String) {
        self.domain = domain
        self.code = code
        self.remoteName = remoteName
        self.message = message
    }

    /// What this failure means to the caller of a secret store.
    ///
    /// - Parameters:
    ///   - cancelledByTimer: whether our own time limit cancelled the call;
    ///     any other cancellation is a dismissed prompt.
    ///   - seconds: the time limit, for the timed-out reason.
    func reason(cancelledByTimer: Bool, seconds: Double) -> SecretStoreError.Reason {
        if isCancellation {
            return cancelledByTimer ? .timedOut(seconds: seconds) : .promptDismissed
        }
        if isTimeout { return .timedOut(seconds: seconds) }
        if isLocked { return .locked }
        if isMissingService { return .noSecretService }
        if isMissingBus { return .noSessionBus }
        return .failed(oneLine)
    }

    private var isCancellation: Bool {
        domain == .io && code == Self.ioCancelled
    }

    private var isTimeout: Bool {
        (domain == .io && code == Self.ioTimedOut)
            || (domain == .dbus
                && [Self.dbusNoReply, Self.dbusTimeout, Self.dbusTimedOut]
                    .contains(code))
    }

    private var isLocked: Bool {
        (domain == .secret && code == Self.secretIsLocked)
            || remoteName == "org.freedesktop.Secret.Error.IsLocked"
    }

    private var isMissingService: Bool {
        if domain == .dbus && [Self.dbusServiceUnknown, Self.dbusNameHasNoOwner].contains(code) {
            return true
        }
        let names = [
            "org.freedesktop.DBus.Error.ServiceUnknown",
            "org.freedesktop.DBus.Error.NameHasNoOwner",
        ]
        if let remoteName,
            names.contains(remoteName)
                || remoteName.hasPrefix("org.freedesktop.DBus.Error.Spawn")
        {
            return true
        }
        return message.contains("was not provided by any .service files")
    }

    /// Connecting to the bus fails with plain `G_IO_ERROR`s: "Cannot
    /// autolaunch D-Bus without X11 $DISPLAY" (`FAILED`), "Could not connect:
    /// No such file or directory" (`NOT_FOUND`), "Connection refused".
    private var isMissingBus: Bool {
        if domain == .dbus {
            return [Self.dbusBadAddress, Self.dbusNoServer, Self.dbusDisconnected].contains(code)
        }
        guard domain == .io else { return false }
        let codes = [
            Self.ioNotFound, Self.ioConnectionRefused, Self.ioPermissionDenied,
            Self.ioClosed,
        ]
        return codes.contains(code)
            || message.contains("autolaunch")
            || message.contains("DBUS_SESSION_BUS_ADDRESS")
            || message.hasPrefix("Could not connect")
    }

    /// The message without the `GDBus.Error:NAME: ` prefix, on one line.
    var oneLine: String {
        var text = message
        if text.hasPrefix("GDBus.Error:"), let end = text.firstRange(of: ": ") {
            text = String(text[end.upperBound...])
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingSpaces()
        return line.isEmpty ? "unknown keyring error" : line
    }
}
