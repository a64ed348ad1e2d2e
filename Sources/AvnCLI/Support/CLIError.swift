/// A failure of a command that is not a usage error: `main` prints it as one
/// line and exits 1. Never carries a token or a password.
public struct CLIError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String {
        message
    }
}
