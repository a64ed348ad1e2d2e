/// Why the stand-in could not start or read its input.
public enum FakeAPIError: Error, Equatable, CustomStringConvertible {
    case seedUnreadable(path: String, reason: String)
    case seedInvalid(path: String?, reason: String)
    case socketFailed(operation: String, reason: String)
    case invalidArgument(String)

    /// The part after "because", used when a path is added later.
    var reason: String {
        switch self {
        case .seedUnreadable(_, let reason), .seedInvalid(_, let reason),
            .socketFailed(_, let reason):
            return reason
        case .invalidArgument(let message):
            return message
        }
    }

    public var description: String {
        switch self {
        case .seedUnreadable(let path, let reason):
            return "Cannot read the seed file \(path): \(reason); check the path."
        case .seedInvalid(let path, let reason):
            let file = path.map { "the seed file \($0)" } ?? "the seed"
            return "Cannot use \(file) because \(reason); see `avn-fake-api --help`."
        case .socketFailed(let operation, let reason):
            return "Cannot \(operation) the listening socket: \(reason); try another port."
        case .invalidArgument(let message):
            return "\(message); see `avn-fake-api --help`."
        }
    }
}
