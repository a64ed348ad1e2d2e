import AvnTestSupport
import AvnVault
import Foundation
import Testing

/// Each way the Secret Service can be unusable, produced for real, as the
/// built `avn user token` reports it: one line, a fix, bounded in time.
@Suite("Keyring failures as users see them")
struct KeyringFailureTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A vault whose current profile keeps its token in the keyring.
    private func makeVault() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-keyring-failure-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("vault.sqlite3").path
        let vault = try Vault(path: path, tightenFolder: false)
        let profile = Profile(
            name: "work", email: "a@example.com", apiURL: "https://api.aiven.io",
            loginMethod: .token, secretStore: .keyring)
        try vault.write {
            try $0.insert(profile)
            try $0.setCurrent(profileID: profile.id)
        }
        return (folder, path)
    }

    private func runToken(bus: String?, extra: [String: String] = [:]) throws
        -> (status: Int32, stderr: String, seconds: Double)
    {
        let (folder, path) = try makeVault()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = ChildProcess()
        process.executableURL = Self.repository.appendingPathComponent(".build/debug/avn")
        process.arguments = ["user", "token"]
        var environment = ["AVN_VAULT": path, "HOME": folder.path, "PATH": "/usr/bin:/bin"]
        environment["DBUS_SESSION_BUS_ADDRESS"] = bus
        process.environment = environment.merging(extra) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        let start = Date()
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: data, as: UTF8.self),
            Date().timeIntervalSince(start)
        )
    }

    /// Starts a private bus from `config`; returns its address and the daemon.
    private func startBus(config: String) throws -> (address: String, daemon: ChildProcess) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-bus-\(UUID().uuidString).conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let daemon = ChildProcess()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-daemon")
        daemon.arguments = ["--config-file=\(file.path)", "--nofork", "--print-address=1"]
        let output = Pipe()
        daemon.standardOutput = output
        try daemon.run()
        let line = output.fileHandleForReading.availableData
        let address = String(decoding: line, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!address.isEmpty)
        return (address, daemon)
    }

    /// Ends a helper process. SIGKILL, because processes started by the test
    /// runner inherit a signal mask that blocks SIGTERM.
    private func stop(_ process: ChildProcess) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A session bus with no service files: nothing can provide the Secret Service.
    private static let emptyBusConfig = """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:tmpdir=/tmp</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """

    @Test func noSessionBus() throws {
        let result = try runToken(bus: nil)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no D-Bus session bus"))
        #expect(result.stderr.contains("kernel or file"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aBusThatCannotBeReached() throws {
        let result = try runToken(bus: "unix:path=/nonexistent/avn-test-bus")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no D-Bus session bus"))
    }

    @Test func aBusWithoutASecretService() throws {
        let (address, daemon) = try startBus(config: Self.emptyBusConfig)
        defer { stop(daemon) }
        let result = try runToken(bus: address)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no keyring service (org.freedesktop.secrets)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aSecretServiceThatNeverAnswers() throws {
        let (address, daemon) = try startBus(config: Self.emptyBusConfig)
        defer { stop(daemon) }
        // Owns the name and never reads a message.
        let squatter = ChildProcess()
        squatter.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        squatter.arguments = [
            "-c",
            "import dbus, sys, time; bus = dbus.SessionBus(); "
                + "bus.request_name('org.freedesktop.secrets'); print('ready', flush=True); "
                + "time.sleep(30)",
        ]
        squatter.environment = ["DBUS_SESSION_BUS_ADDRESS": address]
        let ready = Pipe()
        squatter.standardOutput = ready
        try squatter.run()
        defer { stop(squatter) }
        _ = ready.fileHandleForReading.availableData

        let result = try runToken(bus: address, extra: ["AVN_KEYRING_TIMEOUT": "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("did not answer within 1 seconds"))
        #expect(result.seconds < 5)
    }
}
