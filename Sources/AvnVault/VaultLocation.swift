/// Where the vault database lives.
public enum VaultLocation {
    /// The file name inside the data folder.
    public static let fileName = "vault.sqlite3"

    /// The vault path: `--vault`, else `AVN_VAULT`, else
    /// `$XDG_DATA_HOME/avn/vault.sqlite3` (`~/.local/share/avn/` when unset).
    ///
    /// - Returns: `nil` when neither `XDG_DATA_HOME` nor `HOME` is set.
    public static func resolve(option: String?, environment: [String: String]) -> String? {
        if let option, !option.isEmpty { return option }
        if let path = environment["AVN_VAULT"], !path.isEmpty { return path }
        return defaultPath(environment: environment)
    }

    /// The XDG default, ignoring `--vault` and `AVN_VAULT`.
    public static func defaultPath(environment: [String: String]) -> String? {
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return "\(data)/avn/\(fileName)"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return "\(home)/.local/share/avn/\(fileName)"
    }
}
