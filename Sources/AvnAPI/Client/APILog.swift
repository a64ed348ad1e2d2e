/// Where the client reports retries and, with `--show-http`, every exchange.
///
/// Messages never hold a token or a password.
public struct APILog: Sendable {
    /// One warning, without a level prefix.
    public var warning: @Sendable (String) -> Void
    /// A dump of one request or response (several lines); nil when not wanted.
    public var showHTTP: (@Sendable (String) -> Void)?

    public init(
        warning: @escaping @Sendable (String) -> Void = { _ in },
        showHTTP: (@Sendable (String) -> Void)? = nil
    ) {
        self.warning = warning
        self.showHTTP = showHTTP
    }

    /// Reports nothing.
    public static let silent = APILog()
}
