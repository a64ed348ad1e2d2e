// git-credential-avn: a git credential helper answering with vault tokens.
//
//   git config credential.https://api.aiven.io.helper avn
//
// `get` prints username (the account email) and password (the token) of the
// profile whose API URL matches the requested protocol and host. `store` and
// `erase` are accepted and ignored, so a failed request never deletes a vault
// token. A miss prints nothing and exits 0.

import AvnVault
import FoundationEssentials
import Glibc

// Tokens pass through this process: no core file, no reading of its memory.
ProcessHardening.makeNonDumpable()
FaultPoint.processStarted.reach()
umask(0o077)
let environment = ProcessInfo.processInfo.environment
let arguments = CommandLine.arguments.dropFirst()

func fail(_ message: String) -> Never {
    var line = Array("git-credential-avn: \(message)\n".utf8)
    _ = Glibc.write(STDERR_FILENO, &line, line.count)
    exit(1)
}

/// All of standard input, up to 64 KiB (a credential request is a few lines).
func readInput() -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while bytes.count < 65_536 {
        let count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.append(contentsOf: buffer[..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

if arguments.first == "--help" || arguments.first == "-h" {
    print(
        """
        usage: git-credential-avn get|store|erase

        A git credential helper that answers 'get' with the token of the avn
        profile whose API URL matches the requested protocol and host.
        'store' and 'erase' are accepted and ignored. See git-credential-avn(1).
        """)
    exit(0)
}
guard arguments.first == "get" else { exit(0) }

let request = CredentialRequest(parsing: readInput())
guard let scheme = request.scheme, let host = request.host else { exit(0) }

guard let path = VaultLocation.resolve(option: nil, environment: environment) else { exit(0) }
guard FileManager.default.fileExists(atPath: path) else { exit(0) }

do {
    let vault = try Vault(
        path: path, tightenFolder: path == VaultLocation.defaultPath(environment: environment))
    let candidates = try vault.profiles().filter {
        request.matches(apiURL: $0.apiURL) && $0.state == .active
    }
    let selected = try? ProfileSelection.select(
        in: vault, option: nil, environment: environment,
        workingDirectory: FileManager.default.currentDirectoryPath
    ).profile
    let chosen =
        candidates.first { $0.id == selected?.id }
        ?? candidates.max { ($0.lastUsedAt ?? $0.createdAt) < ($1.lastUsedAt ?? $1.createdAt) }
    guard let profile = chosen else { exit(0) }

    let store = profile.secretStore.makeStore(
        vaultPath: path, vaultID: try vault.identifier(), environment: environment)
    guard let token = try store.lookup(profileID: profile.id) else { exit(0) }
    print("protocol=\(scheme)\nhost=\(host)\nusername=\(profile.email)\npassword=\(token)")
} catch {
    fail("\(error)")
}
