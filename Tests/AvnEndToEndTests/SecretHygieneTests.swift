import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Glibc
import Testing

/// Secrets stay inside avn's processes: they are not dumpable, and no token or
/// password is ever on a command line, in the output or in the vault files.
@Suite("Secret hygiene")
struct SecretHygieneTests {
    static let executables = ["avn", "git-credential-avn"]

    /// The kernel gives `/proc/PID` of a process that is not dumpable to root,
    /// so its owner tells from outside; a process of another user (nobody,
    /// when the tests run as root) makes the difference visible.
    @Test(arguments: executables)
    func processIsNotDumpable(executable: String) throws {
        let world = try EndToEnd()
        let path = URL(fileURLWithPath: world.runner.executable)
            .deletingLastPathComponent().appendingPathComponent(executable).path
        let arguments = executable == "git-credential-avn" ? ["get"] : ["user", "token"]
        let paused = try PausedProcess(
            path, arguments,
            environment: world.runner.baseEnvironment.merging(
                ["AVN_PAUSE_POINT": FaultPoint.processStarted.rawValue]) { $1 })
        defer { paused.end() }
        #expect(try paused.waitUntilStopped(), "\(executable) never reached its pause point")
        #expect(paused.processUID == PausedProcess.runAs, "\(executable) runs as another user")
        #expect(try paused.procOwner() == 0, "\(executable) is dumpable")
    }

    @Test func ownerOfProcShowsADumpableProcess() throws {
        let sleeper = try PausedProcess("/bin/sleep", ["5"], environment: [:])
        defer { sleeper.end() }
        usleep(200_000)
        #expect(sleeper.processUID == PausedProcess.runAs)
        #expect(try sleeper.procOwner() == PausedProcess.runAs, "the check cannot tell")
    }

    @Test func noSecretIsEverOnACommandLine() throws {
        let world = try EndToEnd()
        // Slow answers keep each avn alive long enough to be sampled often.
        try world.fake.addFault(FakeFault(path: "/v1/*", latencyMilliseconds: 150))
        let sampler = CommandLineSampler()
        sampler.start()
        defer { sampler.stop() }

        let login = try world.avn(
            "--show-http", "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        #expect(login.status == 0, "\(login)")
        let token = try world.token(ofProfile: Seed.ada.email)
        let printed = try world.avn("user", "token", mayShowTokens: true)
        #expect(printed.stdout == token + "\n")
        let exec = try world.avn(
            "user", "exec", "--", "/bin/sh", "-c", "sleep 0.3; test -n \"$AIVEN_TOKEN\"")
        #expect(exec.status == 0, "\(exec)")
        #expect(try world.avn("--show-http", "user", "info").status == 0)
        let created = try world.avn(
            "--show-http", "user", "access-token", "create", "--description", "argv check",
            "--json", mayShowTokens: true)
        let full = try #require(
            try JSONValue(parsing: created.stdout).arrayValue?.first?["full_token"]?.stringValue)
        #expect(!created.stderr.contains(full) && !created.stderr.contains(token))
        #expect(try world.avn("--show-http", "user", "logout").status == 0)

        // The sampler must see a secret on a command line when there is one.
        let canary = "canary-\(UUID().uuidString)"
        let shown = try world.runner.run(
            program: "/bin/sh", ["-c", "sleep 0.3", canary], workingDirectory: world.folder.path)
        #expect(shown.status == 0)
        sampler.stop()

        let lines = sampler.lines
        #expect(lines.contains { $0.contains(canary) }, "the sampler missed a command line")
        #expect(lines.contains { $0.contains("user\u{0}login") }, "avn was never sampled")
        let secrets =
            [Seed.ada.password, token, full]
            + (try world.fake.tokens())
            .compactMap { $0["token"]?.stringValue }
        for line in lines {
            for secret in secrets where line.contains(secret) {
                Issue.record("a secret on a command line: \(line.prefix(60))...")
            }
        }
        try expectVaultFilesHoldNo(secrets, path: world.vault.path)
    }

    private func expectVaultFilesHoldNo(_ secrets: [String], path: String) throws {
        for suffix in ["", "-wal", "-shm"]
        where FileManager.default.fileExists(
            atPath: path + suffix)
        {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "a secret in vault\(suffix)")
            }
        }
    }
}

/// A child process started as `runAs`, which a test can wait for, inspect and end.
final class PausedProcess: @unchecked Sendable {
    /// The user the child runs as: nobody when the tests run as root, else the tests' user.
    static let runAs: uid_t = geteuid() == 0 ? 65_534 : geteuid()

    let process = ChildProcess()

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        if geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=65534", "--regid=65534", "--clear-groups", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits up to 10 seconds for the child to stop itself.
    func waitUntilStopped() throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try status().contains("\nState:\tT") { return true }
            usleep(10_000)
        }
        return false
    }

    /// The real user id in `/proc/PID/status`.
    var processUID: uid_t? {
        guard
            let line = try? status().split(separator: "\n").first(where: {
                $0.hasPrefix("Uid:")
            })
        else { return nil }
        return line.split(separator: "\t").dropFirst().first.flatMap { uid_t($0) }
    }

    /// The owner the kernel gives `/proc/PID/status`.
    func procOwner() throws -> uid_t {
        var info = stat()
        guard stat("/proc/\(process.processIdentifier)/status", &info) == 0 else {
            throw TestSupportError("cannot stat /proc/\(process.processIdentifier)/status")
        }
        return info.st_uid
    }

    func end() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private func status() throws -> String {
        try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
    }
}

/// Reads every process's command line over and over on a thread of its own.
final class CommandLineSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var running = false
    private var thread: Thread?

    /// Every distinct command line seen, arguments separated by NUL.
    var lines: Set<String> { lock.withLock { seen } }

    func start() {
        lock.withLock { running = true }
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let found = Self.sample()
                lock.withLock { seen.formUnion(found) }
                usleep(1_000)
            }
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
        while thread?.isFinished == false { usleep(1_000) }
    }

    private static func sample() -> Set<String> {
        var lines: Set<String> = []
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return lines
        }
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                !data.isEmpty
            else { continue }
            lines.insert(String(decoding: data, as: UTF8.self))
        }
        return lines
    }
}
