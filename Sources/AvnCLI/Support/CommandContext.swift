import AvnAPI
import AvnVault
import FoundationEssentials

/// Everything a running command can reach: its parsed values, the
/// environment, the console, and lazily the vault and the API.
final class CommandContext {
    let parsed: ParsedCommand
    let environment: [String: String]
    let console: any Console
    let dependencies: Dependencies
    let workingDirectory: String
    private var openedStore: ProfileStore?

    static let defaultAPIURL = "https://api.aiven.io"

    init(
        parsed: ParsedCommand, environment: [String: String], console: any Console,
        dependencies: Dependencies, workingDirectory: String
    ) {
        self.parsed = parsed
        self.environment = environment
        self.console = console
        self.dependencies = dependencies
        self.workingDirectory = workingDirectory
    }

    // MARK: - Options

    /// An option's value, else the environment variable's, ignoring empty ones.
    func value(_ option: String, orEnvironment variable: String? = nil) -> String? {
        if let value = parsed.value(option) { return value }
        guard let variable, let value = environment[variable], !value.isEmpty else { return nil }
        return value
    }

    /// The API URL asked for with `--url` or `AIVEN_WEB_URL`, without a trailing slash.
    var requestedAPIURL: String? {
        value("url", orEnvironment: "AIVEN_WEB_URL").map(Self.normalizedURL)
    }

    /// The API URL for a new login: the requested one, else Aiven's.
    var loginAPIURL: String {
        requestedAPIURL ?? Self.defaultAPIURL
    }

    static func normalizedURL(_ text: String) -> String {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    // MARK: - Vault

    /// The vault path: `--vault`, `AVN_VAULT`, or the XDG default.
    func vaultPath() throws -> String {
        guard
            let path = VaultLocation.resolve(
                option: parsed.value("vault"), environment: environment)
        else {
            throw CLIError(
                "cannot find the vault: set HOME, XDG_DATA_HOME or AVN_VAULT, or use --vault")
        }
        return path
    }

    var hasOpenedVault: Bool { openedStore != nil }

    /// The vault with its secret stores, opened once per command.
    func profileStore() throws -> ProfileStore {
        if let openedStore { return openedStore }
        let path = try vaultPath()
        let isDefault = path == VaultLocation.defaultPath(environment: environment)
        let vault = try Vault(path: path, tightenFolder: isDefault)
        let dependencies = self.dependencies
        let environment = self.environment
        let vaultID = try vault.identifier()
        let store = ProfileStore(vault: vault) { kind in
            try dependencies.makeSecretStore(kind, path, vaultID, environment)
        }
        openedStore = store
        return store
    }

    /// Deletes tokens of this vault that belong to no profile (left by a crash
    /// between storing a token and committing its row). Best effort: a store
    /// that cannot be reached is left for the next time.
    func sweepOrphans() {
        guard let store = openedStore else { return }
        for kind in SecretStoreKind.allCases {
            _ = try? store.sweepOrphans(in: kind)
        }
    }

    /// The store for new profiles: `--secret-store`, `AVN_SECRET_STORE`, the
    /// vault's setting, else the keyring.
    func secretStoreForNewLogin() throws -> SecretStoreKind {
        let name =
            try value("secret-store", orEnvironment: "AVN_SECRET_STORE")
            ?? profileStore().vault.read { try $0.setting(VaultSettings.secretStore) }
        guard let name else { return .keyring }
        guard let kind = SecretStoreKind(rawValue: name) else {
            let known = SecretStoreKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(
                "unknown secret store '\(name)'; choose one of: \(known)", path: parsed.spec.path)
        }
        warnIfPlainText(kind)
        return kind
    }

    /// The warning due every time a token goes to or comes from the file store.
    func warnIfPlainText(_ kind: SecretStoreKind) {
        guard kind == .file else { return }
        console.log(.warning, TokenAccess.plainTextWarning)
    }

    // MARK: - API

    /// A client of the API at `apiURL`, authenticated with `token` when given.
    func client(apiURL: String, token: String?) throws -> AivenClient {
        guard let url = URL(string: apiURL), url.scheme != nil, url.host != nil else {
            throw UsageError(
                "'\(apiURL)' is not an API URL; use a URL such as https://api.aiven.io",
                path: parsed.spec.path)
        }
        let timeout = try requestTimeout()
        let transport = try dependencies.makeTransport(
            timeout, value("auth-ca", orEnvironment: "AIVEN_CA_CERT"))
        let console = self.console
        var log = APILog(warning: { message in console.log(.warning, message) })
        if parsed.flag("show-http") {
            log.showHTTP = { dump in
                console.writeError(dump.hasSuffix("\n") ? dump : dump + "\n")
            }
        }
        return AivenClient(
            baseURL: url, token: token, transport: transport, userAgent: "avn/\(avnVersion)",
            log: log)
    }

    private func requestTimeout() throws -> Int? {
        guard let text = parsed.value("request-timeout") else { return nil }
        guard let seconds = Int(text), seconds > 0 else {
            throw UsageError(
                "--request-timeout needs a whole number of seconds above 0, not '\(text)'",
                path: parsed.spec.path)
        }
        return seconds
    }
}

@available(*, unavailable)
extension CommandContext: Sendable {}
