import AvnVault
import FoundationEssentials
import Glibc

/// `avn user token [--profile NAME] [--vault PATH]`, the only form answered
/// without `avn-cli`. Anything else on the line (help, another option, an
/// explicit `--auth-token`) is left to `avn-cli`, which answers the same way.
struct FastTokenRequest {
    private(set) var profile: String?
    private(set) var vault: String?

    init?(_ arguments: [String]) {
        var words: [String] = []
        var remaining = arguments[...]
        while let word = remaining.popFirst() {
            if word == "--profile" || word == "--vault" {
                guard let value = remaining.popFirst() else { return nil }
                assign(word, value)
            } else if let equals = word.firstIndex(of: "="),
                ["--profile", "--vault"].contains(word[..<equals])
            {
                assign(String(word[..<equals]), String(word[word.index(after: equals)...]))
            } else if word.hasPrefix("-") {
                return nil
            } else {
                words.append(word)
            }
        }
        guard words == ["user", "token"] else { return nil }
    }

    private mutating func assign(_ option: String, _ value: String) {
        if option == "--profile" { profile = value } else { vault = value }
    }

    /// Prints the token and returns the exit status.
    func run(environment: [String: String]) -> Int32 {
        if let token = environment["AIVEN_AUTH_TOKEN"], !token.isEmpty {
            return write(token + "\n", to: STDOUT_FILENO) ? 0 : 1
        }
        do {
            guard let path = VaultLocation.resolve(option: vault, environment: environment) else {
                return fail(
                    "cannot find the vault: set HOME, XDG_DATA_HOME or AVN_VAULT, or use --vault")
            }
            guard access(path, F_OK) == 0 else {
                return fail("not authenticated: please login first with 'avn user login'")
            }
            let vault = try Vault(
                path: path,
                tightenFolder: path == VaultLocation.defaultPath(environment: environment))
            let (profile, _) = try ProfileSelection.select(
                in: vault, option: profile, environment: environment,
                workingDirectory: FileManager.default.currentDirectoryPath)
            let store = profile.secretStore.makeStore(
                vaultPath: path, vaultID: try vault.identifier(), environment: environment)
            let (token, warnings) = try TokenAccess.helperToken(
                of: profile, in: store, vault: vault, environment: environment)
            for warning in warnings { log("WARNING", warning) }
            return write(token + "\n", to: STDOUT_FILENO) ? 0 : 1
        } catch {
            return fail("\(error)")
        }
    }

    private func fail(_ message: String) -> Int32 {
        log("ERROR", "command failed: \(message)")
        return 1
    }

    private func log(_ level: String, _ message: String) {
        _ = write("\(level)\t\(message)\n", to: STDERR_FILENO)
    }
}

/// Writes all of `text` to a file descriptor; `false` when it could not.
func write(_ text: String, to descriptor: Int32) -> Bool {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        bytes = bytes.dropFirst(written)
    }
    return true
}
