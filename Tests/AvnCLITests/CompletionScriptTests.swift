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
        try CompletionScripts(table: .avn).bash().write(to: script, atomically: true, encoding: .utf8)

        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let driver = """
            source '\(script.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _avn
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
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

        #expect(try bashComplete(["avn", "user", "switch", ""], vault: path).sorted()
            == ["personal", "with space", "work"])
        #expect(try bashComplete(["avn", "--profile", "w"], vault: path).sorted()
            == ["with space", "work"])
    }
}
