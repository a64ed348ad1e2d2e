/// The description of one command: what `--help`, the parser, the man page
/// check and the shell completions are all generated from.
public struct CommandSpec: Sendable {
    /// The words after `avn`, such as `["user", "login"]`.
    public let path: [String]
    public let summary: String
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]
    /// Extra paragraphs for `--help`.
    public let discussion: String?

    public init(
        _ path: [String], summary: String, arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = [], discussion: String? = nil
    ) {
        self.path = path
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.discussion = discussion
    }

    /// `avn user login`.
    public var displayName: String {
        (["avn"] + path).joined(separator: " ")
    }
}

/// A positional argument.
public struct ArgumentSpec: Sendable {
    public let name: String
    public let help: String
    public let isOptional: Bool
    /// Takes every remaining word (for `exec -- COMMAND ARGS...`).
    public let takesRest: Bool
    /// What the shell completion offers for it.
    public let completion: Completion

    public init(
        _ name: String, help: String, optional: Bool = false, takesRest: Bool = false,
        completion: Completion = .none
    ) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.takesRest = takesRest
        self.completion = completion
    }
}

/// A `--long` option, with or without a value.
public struct OptionSpec: Sendable {
    /// Without the dashes.
    public let name: String
    /// The placeholder shown in help, or `nil` for a flag.
    public let valueName: String?
    public let help: String
    public let completion: Completion

    public init(_ name: String, value: String? = nil, help: String, completion: Completion = .none)
    {
        self.name = name
        self.valueName = value
        self.help = help
        self.completion = completion
    }

    public var takesValue: Bool {
        valueName != nil
    }
}

/// What a shell may complete an argument or option value with.
public enum Completion: Sendable, Equatable {
    case none
    case profileName
    case file
    case command
    case words([String])
}
