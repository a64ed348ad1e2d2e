import Foundation
import Glibc

/// What one run of `avn` printed and how it ended.
public struct AvnResult: Sendable, CustomStringConvertible {
    public let arguments: [String]
    public let stdout: String
    public let stderr: String
    public let status: Int32
    /// The run was killed for taking longer than its timeout.
    public let timedOut: Bool
    /// The process ended by a signal; `status` is then the signal number.
    public let signaled: Bool

    public init(
        arguments: [String], stdout: String, stderr: String, status: Int32, timedOut: Bool,
        signaled: Bool = false
    ) {
        self.arguments = arguments
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
        self.timedOut = timedOut
        self.signaled = signaled
    }

    /// Both streams, to look for text that must appear on neither.
    public var allOutput: String { stdout + stderr }

    /// The lines of stderr, without empty ones.
    public var stderrLines: [String] {
        stderr.split(separator: "\n").map(String.init)
    }

    public var description: String {
        "avn \(arguments.joined(separator: " ")) -> \(signaled ? "signal " : "")\(status)"
            + (timedOut ? " (timed out)" : "")
            + "\n--- stdout\n\(stdout)--- stderr\n\(stderr)---"
    }
}

/// Runs the built `avn` with a private vault and a clean environment.
///
/// The environment keeps only what reaches the keyring (the D-Bus session and
/// runtime folder) and `PATH`; every inherited `AIVEN_*` and `AVN_*` variable is
/// dropped. `HOME`, the working folder and the XDG folders are in `folder`, so
/// no `.avn-profile` or default vault of the user is ever seen.
public struct AvnRunner: Sendable {
    public let executable: String
    public let folder: String
    public let vaultPath: String
    public let apiURL: String?

    public init(folder: String, apiURL: String?, vaultPath: String? = nil) throws {
        executable = try BuiltProducts.avn()
        self.folder = folder
        self.vaultPath = vaultPath ?? "\(folder)/vault/vault.sqlite3"
        self.apiURL = apiURL
    }

    /// The environment every run starts from.
    public var baseEnvironment: [String: String] {
        var environment: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for name in ["PATH", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "LANG"] {
            if let value = inherited[name] { environment[name] = value }
        }
        environment["HOME"] = folder
        environment["XDG_DATA_HOME"] = "\(folder)/xdg-data"
        environment["XDG_CONFIG_HOME"] = "\(folder)/xdg-config"
        environment["AVN_VAULT"] = vaultPath
        if let apiURL { environment["AIVEN_WEB_URL"] = apiURL }
        return environment
    }

    /// Runs `avn arguments`; `stdin` is piped in (standard input is never a
    /// terminal), `environment` adds or (with an empty value in `removing`) drops variables.
    public func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        removing: [String] = [], timeout: TimeInterval = 20
    ) throws -> AvnResult {
        try run(
            program: executable, arguments, stdin: stdin, environment: environment,
            removing: removing, workingDirectory: folder, timeout: timeout)
    }

    /// Runs any `program` with the same environment, in `workingDirectory`.
    public func run(
        program: String, _ arguments: [String], stdin: String? = nil,
        environment: [String: String] = [:], removing: [String] = [],
        workingDirectory: String, timeout: TimeInterval = 20
    ) throws -> AvnResult {
        var fullEnvironment = baseEnvironment.merging(environment) { $1 }
        for name in removing { fullEnvironment[name] = nil }

        let id = UUID().uuidString
        let outPath = "\(folder)/.run-\(id).out"
        let errPath = "\(folder)/.run-\(id).err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = try makeProcess(
            program, arguments, environment: fullEnvironment, outPath: outPath, errPath: errPath)
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // A program that exits (or is killed) before reading its input closes
        // the pipe: that is its business, not a failure of the harness.
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()

        let timedOut = waitForExit(process, timeout: timeout)
        return AvnResult(
            arguments: arguments, stdout: try readText(outPath), stderr: try readText(errPath),
            status: process.terminationStatus, timedOut: timedOut,
            signaled: process.terminationReason == .uncaughtSignal)
    }

    private func makeProcess(
        _ program: String, _ arguments: [String], environment: [String: String],
        outPath: String, errPath: String
    ) throws -> ChildProcess {
        for path in [outPath, errPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw TestSupportError("cannot create \(path)")
            }
        }
        guard let out = FileHandle(forWritingAtPath: outPath),
            let err = FileHandle(forWritingAtPath: errPath)
        else { throw TestSupportError("cannot open the output files in \(folder)") }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = out
        process.standardError = err
        return process
    }

    /// Waits for the process; kills it after `timeout` seconds and says so.
    private func waitForExit(_ process: ChildProcess, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return true
    }

    private func readText(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}
