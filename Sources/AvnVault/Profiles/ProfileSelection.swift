import FoundationEssentials

/// Finds the profile in effect without changing any global state. First match
/// wins: `--profile`, `AVN_PROFILE`, a `.avn-profile` file in the working folder
/// or the nearest parent (up to `$HOME` or `/`), then the vault's current profile.
public enum ProfileSelection {
    public static let fileName = ".avn-profile"

    /// A profile name and where it came from, before it is looked up.
    public struct Request: Equatable, Sendable {
        public let name: String
        /// Such as `--profile`, `AVN_PROFILE` or `from .avn-profile in /src/app`.
        public let source: String

        public init(name: String, source: String) {
            self.name = name
            self.source = source
        }
    }

    /// Why no profile could be selected; one line saying what to do.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// No profile is in use, or there is no vault at all.
        public static let notAuthenticated = Failure(
            description: "not authenticated: please login first with 'avn user login'")

        public let description: String
    }

    /// The named request, or `nil` when the vault's current profile applies.
    public static func request(
        option: String?, environment: [String: String], workingDirectory: String
    ) throws(Failure) -> Request? {
        if let option { return Request(name: option, source: "--profile") }
        if let name = environment["AVN_PROFILE"], !name.isEmpty {
            return Request(name: name, source: "AVN_PROFILE")
        }
        return try fileRequest(from: workingDirectory, home: environment["HOME"])
    }

    /// Reads the nearest `.avn-profile`, searching upward from `directory`.
    public static func fileRequest(from directory: String, home: String?) throws(Failure)
        -> Request?
    {
        var folder = directory
        while true {
            let path = folder == "/" ? "/\(fileName)" : "\(folder)/\(fileName)"
            if let contents = FileManager.default.contents(atPath: path) {
                return try parseFile(Array(contents), path: path, folder: folder)
            }
            if folder == "/" || folder == home { return nil }
            folder = parent(of: folder)
        }
    }

    /// The file holds one profile name; blank lines and `#` comments are ignored.
    public static func parseFile(_ contents: [UInt8], path: String, folder: String)
        throws(Failure) -> Request
    {
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw Failure(description: "\(path) is not UTF-8 text; write one profile name in it")
        }
        let names = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard names.count == 1, let name = names.first else {
            throw Failure(
                description: "\(path) must hold exactly one profile name (found \(names.count)); "
                    + "fix it or remove it")
        }
        return Request(name: name, source: "from \(fileName) in \(folder)")
    }

    /// The profile in effect in `vault` and where it was chosen.
    public static func select(
        in vault: Vault, option: String?, environment: [String: String], workingDirectory: String
    ) throws -> (profile: Profile, source: String) {
        let request = try request(
            option: option, environment: environment, workingDirectory: workingDirectory)
        if let request {
            guard let profile = try vault.read({ try $0.profile(named: request.name) }) else {
                throw Failure(
                    description: "no profile named '\(request.name)' (\(request.source)); "
                        + "'avn user profiles' lists them")
            }
            return (profile, request.source)
        }
        guard let current = try vault.read({ try $0.currentProfile() }) else {
            throw Failure.notAuthenticated
        }
        return (current, "the current profile")
    }

    private static func parent(of folder: String) -> String {
        guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return "/" }
        return String(folder[..<slash])
    }
}
