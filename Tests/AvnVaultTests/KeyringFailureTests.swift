import CLibsecret
import Testing

@testable import AvnVault

@Suite struct KeyringFailureTests {
    typealias Reason = SecretStoreError.Reason

    static let cases: [(KeyringFailure, Reason)] = [
        (
            .init(domain: .io, code: 0, message: "Cannot autolaunch D-Bus without X11 $DISPLAY"),
            .noSessionBus
        ),
        (
            .init(domain: .io, code: 1, message: "Could not connect: No such file or directory"),
            .noSessionBus
        ),
        (
            .init(domain: .io, code: 39, message: "Could not connect: Connection refused"),
            .noSessionBus
        ),
        (
            .init(
                domain: .dbus, code: 2, remoteName: "org.freedesktop.DBus.Error.ServiceUnknown",
                message: "GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name "
                    + "org.freedesktop.secrets was not provided by any .service files"),
            .noSecretService
        ),
        (.init(domain: .dbus, code: 3, message: "Name has no owner"), .noSecretService),
        (
            .init(
                domain: .other, code: 9,
                remoteName: "org.freedesktop.DBus.Error.Spawn.ChildExited",
                message: "Process exited"), .noSecretService
        ),
        (
            .init(domain: .secret, code: 2, message: "Cannot store in a locked collection"),
            .locked
        ),
        (
            .init(
                domain: .other, code: 0, remoteName: "org.freedesktop.Secret.Error.IsLocked",
                message: "locked"), .locked
        ),
        (.init(domain: .dbus, code: 4, message: "No reply"), .timedOut(seconds: 3)),
        (.init(domain: .io, code: 24, message: "Timeout was reached"), .timedOut(seconds: 3)),
        (
            .init(
                domain: .dbus, code: 16,
                remoteName: "org.freedesktop.DBus.Error.InvalidArgs",
                message: "GDBus.Error:org.freedesktop.DBus.Error.InvalidArgs: bad\nattributes"),
            .failed("bad attributes")
        ),
    ]

    @Test(arguments: cases)
    func failureIsClassified(failure: KeyringFailure, expected: Reason) {
        #expect(failure.reason(cancelledByTimer: false, seconds: 3) == expected)
    }

    @Test func cancellationByTheTimerIsATimeout() {
        let failure = KeyringFailure(domain: .io, code: 19, message: "Operation was cancelled")
        #expect(failure.reason(cancelledByTimer: true, seconds: 2) == .timedOut(seconds: 2))
        #expect(failure.reason(cancelledByTimer: false, seconds: 2) == .promptDismissed)
    }

    @Test func emptyMessageStillSaysSomething() {
        let failure = KeyringFailure(domain: .other, code: 1, message: "  ")
        #expect(
            failure.reason(cancelledByTimer: false, seconds: 3)
                == .failed("unknown keyring error"))
    }

    @Test func gErrorDomainCodeAndRemoteNameAreRead() throws {
        let message = "GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: nobody"
        let error = try #require(g_error_new_literal(avn_dbus_error_domain(), 2, message))
        defer { g_error_free(error) }
        let failure = KeyringFailure(error)
        #expect(failure.domain == .dbus)
        #expect(failure.code == 2)
        #expect(failure.remoteName == "org.freedesktop.DBus.Error.ServiceUnknown")
        #expect(failure.reason(cancelledByTimer: false, seconds: 3) == .noSecretService)
    }

    @Test func gErrorOfTheIODomainIsRead() throws {
        let error = try #require(g_error_new_literal(avn_io_error_domain(), 39, "refused"))
        defer { g_error_free(error) }
        #expect(KeyringFailure(error) == KeyringFailure(domain: .io, code: 39, message: "refused"))
    }
}
