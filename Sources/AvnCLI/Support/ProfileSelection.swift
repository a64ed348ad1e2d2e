import AvnVault
import Foundation

/// Which credentials a command uses, and why.
enum Credentials {
    /// A token given directly (`--auth-token` or `AIVEN_AUTH_TOKEN`); no vault involved.
    case explicitToken(String, source: String)
    /// A vault profile, chosen by `source`.
    case profile(Profile, source: String)
}

/// Finds the profile in effect without changing any global state. First match wins:
/// `--profile`, `AVN_PROFILE`, a `.avn-profile` file in the working folder or
/// the nearest parent (up to `$HOME` or `/`), then the vault's current profile.
struct ProfileSelection {
    static let fileName = ".avn-profile"

    /// A profile name and where it came from, before looking it up.
    struct Request: Equatable {
        let name: String
        let source: String
    }

    /// The named request, or `nil` when the vault's current profile applies.
    static func request(
        option: String?, environment: [String: String], workingDirectory: String
    ) throws -> Request? {
        if let option { return Request(name: option, source: "--profile") }
        if let name = environment["AVN_PROFILE"], !name.isEmpty {
            return Request(name: name, source: "AVN_PROFILE")
        }
        return try fileRequest(from: workingDirectory, home: environment["HOME"])
    }

    /// Reads the nearest `.avn-profile`, searching upward from `directory`.
    static func fileRequest(from directory: String, home: String?) throws -> Request? {
        var folder = directory
        while true {
            let path = folder == "/" ? "/\(fileName)" : "\(folder)/\(fileName)"
            if let contents = FileManager.default.contents(atPath: path) {
                return try parseFile(contents, path: path, folder: folder)
            }
            if folder == "/" || folder == home { return nil }
            folder = parent(of: folder)
        }
    }

    /// The file holds one profile name; blank lines and `#` comments are ignored.
    static func parseFile(_ contents: Data, path: String, folder: String) throws -> Request {
        guard let text = String(data: contents, encoding: .utf8) else {
            throw CLIError("\(path) is not UTF-8 text; write one profile name in it")
        }
        let names = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard names.count == 1, let name = names.first else {
            throw CLIError(
                "\(path) must hold exactly one profile name (found \(names.count)); "
                    + "fix it or remove it")
        }
        return Request(name: name, source: "from \(fileName) in \(folder)")
    }

    private static func parent(of folder: String) -> String {
        guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return "/" }
        return String(folder[..<slash])
    }
}

extension CommandContext {
    /// The credentials in effect: an explicit token, else the selected profile.
    ///
    /// - Throws: when a named profile does not exist (naming where the name
    ///   came from), or when nothing is selected and no profile is current.
    func credentials() throws -> Credentials {
        if let token = parsed.value("auth-token") {
            console.log(
                .warning,
                "a token given with --auth-token can be read by other local users; "
                    + "prefer AIVEN_AUTH_TOKEN or the vault")
            return .explicitToken(token, source: "--auth-token")
        }
        if let token = environment["AIVEN_AUTH_TOKEN"], !token.isEmpty {
            return .explicitToken(token, source: "AIVEN_AUTH_TOKEN")
        }
        let (profile, source) = try selectedProfile()
        return .profile(profile, source: source)
    }

    /// The vault profile in effect and where it was chosen.
    func selectedProfile() throws -> (Profile, String) {
        let vault = try profileStore().vault
        let request = try ProfileSelection.request(
            option: parsed.value("profile"), environment: environment,
            workingDirectory: workingDirectory)
        if let request {
            guard let profile = try vault.read({ try $0.profile(named: request.name) }) else {
                throw CLIError(
                    "no profile named '\(request.name)' (\(request.source)); "
                        + "'avn user profiles' lists them")
            }
            return (profile, request.source)
        }
        guard let current = try vault.read({ try $0.currentProfile() }) else {
            throw CLIError("not authenticated: please login first with 'avn user login'")
        }
        return (current, "the current profile")
    }
}
