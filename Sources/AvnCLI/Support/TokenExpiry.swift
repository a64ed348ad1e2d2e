import AvnAPI
import FoundationEssentials

/// When tokens expire, as the API reports it.
enum TokenExpiry {
    /// The expiry of the token `client` authenticates with, from its entry
    /// marked `currently_active` in `GET /v1/access_token`; `nil` when it never
    /// expires or the list does not say.
    static func lookup(_ client: AivenClient) throws -> Date? {
        let current = try client.listTokens().first { $0["currently_active"]?.boolValue == true }
        return current?["expiry_time"]?.stringValue.flatMap(parse)
    }

    /// Parses `2021-08-16T15:29:14Z`, with or without fractional seconds or an offset.
    static func parse(_ text: String) -> Date? {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return (try? fractional.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
