/// Removes credentials from everything the client shows: dumps, warnings, errors.
struct Redactor: Sendable {
    static let placeholder = "<redacted>"
    /// JSON member names whose values are credentials.
    static let secretMembers: Set<String> = [
        "password", "new_password", "otp", "token", "full_token", "auth_token",
    ]
    /// Characters of a token kept in a shown path: a token prefix, not a secret.
    static let shownTokenCharacters = 12
    private static let tokenPathPrefix = "/v1/access_token/"

    /// Literal secrets of this exchange (the client's token, a password sent).
    let secrets: [String]

    init(secrets: [String?]) {
        // Very short strings would blank out unrelated text and are no real secret.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }
            .sorted { $0.count > $1.count }
    }

    /// `text` with every known secret replaced.
    func scrub(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacing(secret, with: Redactor.placeholder)
            let encoded = PathSegment.encode(secret)
            if encoded != secret {
                result = result.replacing(encoded, with: Redactor.placeholder)
            }
        }
        return result
    }

    /// The path with a long token in `/v1/access_token/{token}` cut to its prefix.
    static func shownPath(_ path: String) -> String {
        guard path.hasPrefix(tokenPathPrefix) else { return path }
        let rest = path.dropFirst(tokenPathPrefix.count)
        let segment = rest.prefix { $0 != "/" && $0 != "?" }
        let decoded = PathSegment.decode(String(segment))
        guard decoded.count > shownTokenCharacters else { return path }
        let cut = PathSegment.encode(String(decoded.prefix(shownTokenCharacters))) + "…"
        return tokenPathPrefix + cut + rest.dropFirst(segment.count)
    }

    /// `value` with the values of credential members replaced, at any depth.
    static func redactJSON(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(
                members.map { member in
                    if secretMembers.contains(member.key), !member.value.isNull {
                        (key: member.key, value: .string(placeholder))
                    } else {
                        (key: member.key, value: redactJSON(member.value))
                    }
                })
        case .array(let items): .array(items.map(redactJSON))
        default: value
        }
    }
}
