import AvnTestSupport
import AvnVault
import Foundation
import Testing

@testable import AvnCLI

@Suite("Shell completions")
struct CompletionScriptTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Sources the bash script, completes `words` (the last one being typed)
    /// and returns the candidates.
    private func bashComplete(_ words: [String], vault: String? = nil) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("avn.bash")
        try CompletionScripts(table: .avn).bash().write(
            to: script, atomically: true, encoding: .utf8)

        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let driver = """
            source '\(script.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _avn
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", driver]
        var environment = ["PATH": Self.repository.path + "/.build/debug:/usr/bin:/bin"]
        environment["AVN_VAULT"] = vault ?? folder.appendingPathComponent("none.sqlite3").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func completesCommandWords() throws {
        #expect(try bashComplete(["avn", ""]) == ["user", "config", "completion"])
        #expect(try bashComplete(["avn", "user", "access-token", "re"]) == ["revoke"])
        #expect(try bashComplete(["avn", "--profile", "x", "user", "sw"]) == ["switch"])
    }

    @Test func completesTheOptionsOfTheCommand() throws {
        let words = try bashComplete(["avn", "user", "access-token", "create", "--"])
        #expect(words.contains("--description"))
        #expect(words.contains("--max-age-seconds"))
        #expect(words.contains("--vault"))
        #expect(!words.contains("--token"))
    }

    @Test func completesOptionValues() throws {
        #expect(
            try bashComplete(["avn", "user", "login", "--secret-store", ""])
                == ["keyring", "kernel", "file"])
        #expect(try bashComplete(["avn", "completion", "z"]) == ["zsh"])
    }

    @Test func completesProfileNamesFromTheVaultOnly() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-completion-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vault.sqlite3").path
        let vault = try Vault(path: path, tightenFolder: false)
        try vault.write { writer in
            for name in ["work", "personal", "with space"] {
                try writer.insert(
                    Profile(
                        name: name, email: "a@example.com", apiURL: "https://api.aiven.io",
                        loginMethod: .token, secretStore: .keyring))
            }
        }

        #expect(
            try bashComplete(["avn", "user", "switch", ""], vault: path).sorted()
                == ["personal", "with space", "work"])
        #expect(
            try bashComplete(["avn", "--profile", "w"], vault: path).sorted()
                == ["with space", "work"])
    }

    /// Runs `shell` with `arguments` after writing `script` to a file named by `$1`.
    private func runShell(_ shell: String, script: String, command: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("completion")
        try script.write(to: file, atomically: true, encoding: .utf8)

        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", command.replacingOccurrences(of: "$FILE", with: file.path)]
        process.environment = [
            "PATH": Self.repository.path + "/.build/debug:/usr/bin:/bin",
            "HOME": folder.path,
            "AVN_VAULT": folder.appendingPathComponent("none.sqlite3").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "\(shell) failed: \(String(decoding: data, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/zsh")))
    func theZshScriptIsValidZsh() throws {
        _ = try runShell(
            "/usr/bin/zsh", script: CompletionScripts(table: .avn).zsh(), command: "zsh -n $FILE")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/fish")))
    func fishCompletesCommandsAndOptionValues() throws {
        let script = CompletionScripts(table: .avn).fish()
        let commands = try runShell(
            "/usr/bin/fish", script: script, command: "source $FILE; complete -C 'avn user acc'")
        #expect(commands.hasPrefix("access-token"))
        let stores = try runShell(
            "/usr/bin/fish", script: script,
            command: "source $FILE; complete -C 'avn user login --secret-store '")
        #expect(
            stores.split(separator: "\n").map { $0.prefix { $0 != "\t" } }.sorted()
                == ["file", "kernel", "keyring"])
    }
}
