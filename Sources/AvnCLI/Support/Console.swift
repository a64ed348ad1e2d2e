/// The terminal seen by commands: output streams, standard input and prompts.
/// A protocol so tests can drive commands in-process.
public protocol Console: AnyObject, Sendable {
    /// Writes to standard output (tables, JSON, the token).
    func write(_ text: String)
    /// Writes to standard error (logs, warnings, errors, prompts without a terminal).
    func writeError(_ text: String)
    /// Whether standard input is a terminal.
    var inputIsTerminal: Bool { get }
    /// Whether a terminal can be opened for prompts (`/dev/tty`).
    var hasTerminal: Bool { get }
    /// Reads one line of standard input without its newline; `nil` at end of input.
    func readInputLine() -> String?
    /// Shows `prompt` on the terminal and reads a line with echo on.
    func prompt(_ prompt: String) -> String?
    /// Shows `prompt` on the terminal and reads a line with echo off.
    func promptSecret(_ prompt: String) -> String?
}

extension Console {
    /// Writes `message` to standard error as `LEVEL<TAB>message`, as the
    /// official client logs.
    func log(_ level: LogLevel, _ message: String) {
        writeError("\(level.rawValue)\t\(message)\n")
    }
}

/// The levels of log lines on standard error.
enum LogLevel: String {
    case info = "INFO"
    case warning = "WARNING"
    case error = "ERROR"
}
