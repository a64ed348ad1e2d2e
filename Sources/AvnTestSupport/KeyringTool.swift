import Foundation

extension BuiltProducts {
    /// The built `git-credential-avn`.
    public static func gitCredentialHelper() throws -> String {
        try executable(named: "git-credential-avn")
    }
}

/// The keyring as `secret-tool` sees it, outside avn and libsecret's Swift wrapper.
public enum KeyringTool {
    /// The labels of avn's keyring items for a profile id.
    public static func labels(profileID: String) throws -> [String] {
        let output = try run([
            "search", "--all", "xdg:schema", "io.aiven.avn.Token", "profile", profileID,
        ])
        return output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("label = ") else { return nil }
            return String(line.dropFirst("label = ".count))
        }
    }

    /// Deletes the keyring items of a profile id, as a user cleaning up by hand would.
    public static func clear(profileID: String) throws {
        _ = try run(["clear", "profile", profileID])
    }

    private static func run(_ arguments: [String]) throws -> String {
        try runTool("/usr/bin/secret-tool", arguments, includingErrors: true).output
    }
}
