/// Bad command-line input; `main` prints it with a pointer to `--help` and exits 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// The command whose help to point at, such as `["user", "login"]`.
    public let path: [String]

    public init(_ message: String, path: [String]) {
        self.message = message
        self.path = path
    }

    public var description: String {
        let name = (["avn"] + path).joined(separator: " ")
        return "\(name): error: \(Self.oneLine(message)) (see '\(name) --help')"
    }

    /// The message with control characters (from words the user typed) escaped,
    /// so it stays one line.
    static func oneLine(_ text: String) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }
}

/// What the command line asks for.
public enum ParsedRequest: Sendable {
    case run(ParsedCommand)
    /// Help for a command or a group of commands (such as `avn user`).
    case help(path: [String])
    case version
}

/// Turns argv into a command of the table and its values.
///
/// Options are `--name value`, `--name=value` or flags, before or after the
/// command words; global options are accepted everywhere. `--` ends options.
public struct CommandLineParser: Sendable {
    public let table: CommandTable

    public init(table: CommandTable) {
        self.table = table
    }

    public func parse(_ words: [String]) throws(UsageError) -> ParsedRequest {
        let (path, command) = try resolveCommand(words)
        guard let command else {
            if words.contains("--version") { return .version }
            return .help(path: path)
        }

        var parsed = ParsedCommand(spec: command)
        var positionals: [String] = []
        var index = 0
        var skippedPathWords = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                positionals.append(contentsOf: words[index...])
                break
            }
            if word == "-h" || word == "--help" { return .help(path: path) }
            if word == "--version" { return .version }
            if word.hasPrefix("-") && word.count > 1 {
                try parseOption(word, words: words, index: &index, into: &parsed)
            } else if skippedPathWords < path.count {
                skippedPathWords += 1
            } else if takesRest(parsed.spec),
                positionals.count == parsed.spec.arguments.count - 1
            {
                // The rest of the line belongs to the command to run.
                positionals.append(contentsOf: words[(index - 1)...])
                break
            } else {
                positionals.append(word)
            }
        }

        try assign(positionals, to: &parsed)
        return .run(parsed)
    }

    /// Finds the command named by the leading words that are not options.
    private func resolveCommand(
        _ words: [String]
    ) throws(UsageError) -> (path: [String], command: CommandSpec?) {
        var path: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { break }
            if word.hasPrefix("-") {
                // A global option's value is not a command word.
                let name = optionName(word)
                if !word.contains("="),
                    table.globalOptions.first(where: { $0.name == name })?
                        .takesValue == true
                {
                    index += 1
                }
                continue
            }
            if let command = table.command(path + [word]) { return (path + [word], command) }
            guard table.isGroup(path + [word]) else {
                if path.isEmpty || table.isGroup(path) {
                    throw UsageError("unknown command '\(word)'", path: path)
                }
                break
            }
            path.append(word)
        }
        return (path, nil)
    }

    private func parseOption(
        _ word: String, words: [String], index: inout Int, into parsed: inout ParsedCommand
    ) throws(UsageError) {
        let name = optionName(word)
        let path = parsed.spec.path
        guard
            let option = (parsed.spec.options + table.globalOptions).first(where: {
                $0.name == name
            })
        else {
            throw UsageError("unknown option '--\(name)'", path: path)
        }

        guard option.takesValue else {
            if word.contains("=") {
                throw UsageError("option '--\(name)' takes no value", path: path)
            }
            parsed.setFlag(name)
            return
        }
        if let equals = word.firstIndex(of: "=") {
            parsed.setValue(name, String(word[word.index(after: equals)...]))
        } else if index < words.count {
            parsed.setValue(name, words[index])
            index += 1
        } else {
            throw UsageError("option '--\(name)' needs a value", path: path)
        }
    }

    private func assign(
        _ positionals: [String], to parsed: inout ParsedCommand
    ) throws(UsageError) {
        let spec = parsed.spec
        var remaining = positionals[...]
        for argument in spec.arguments {
            if argument.takesRest {
                parsed.appendRest(remaining)
                remaining = []
            } else if let value = remaining.popFirst() {
                parsed.setArgument(argument.name, value)
            }
            if !argument.isOptional && parsed.argument(argument.name) == nil
                && (!argument.takesRest || parsed.rest.isEmpty)
            {
                throw UsageError("missing argument \(argument.name)", path: spec.path)
            }
        }
        if let extra = remaining.first {
            throw UsageError("unexpected argument '\(extra)'", path: spec.path)
        }
    }

    /// Whether the last argument takes every remaining word, and nothing
    /// before it is left to fill: then the first word that is not an option
    /// starts the rest.
    private func takesRest(_ spec: CommandSpec) -> Bool {
        spec.arguments.last?.takesRest == true
    }

    private func optionName(_ word: String) -> String {
        let body = word.drop { $0 == "-" }
        return String(body.prefix { $0 != "=" })
    }
}
