/// The vault-wide settings `avn config` changes, stored in the `setting` table.
public enum VaultSettings {
    /// Where new logins keep their token: `keyring`, `kernel` or `file`.
    public static let secretStore = "secret-store"
    /// How many days before expiry `avn user token` starts to warn.
    public static let expiryWarningDays = "expiry-warning-days"

    public static let keys = [secretStore, expiryWarningDays]

    /// A bad key or value; one line saying what is accepted.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Checks `value` for `key` and returns it in stored form.
    public static func validate(_ key: String, _ value: String) throws(Invalid) -> String {
        switch key {
        case secretStore:
            guard SecretStoreKind(rawValue: value) != nil else {
                let known = SecretStoreKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw Invalid(description: "'\(value)' is not a secret store; choose \(known)")
            }
            return value
        case expiryWarningDays:
            guard let days = Double(value), days >= 0, days <= 3650 else {
                throw Invalid(description: "'\(value)' is not a number of days from 0 to 3650")
            }
            return value
        default:
            throw unknownKey(key)
        }
    }

    /// The error for a key that is not a setting.
    public static func unknownKey(_ key: String) -> Invalid {
        Invalid(
            description: "'\(key)' is not a setting; the settings are "
                + keys.joined(separator: " and "))
    }
}
