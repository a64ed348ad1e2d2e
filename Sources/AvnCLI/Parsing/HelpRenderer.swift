/// Writes `--help` text for commands and groups from the command table.
public struct HelpRenderer: Sendable {
    public let table: CommandTable
    private let column = 26

    public init(table: CommandTable) {
        self.table = table
    }

    public func help(for path: [String]) -> String {
        if let command = table.command(path) { return help(for: command) }
        return groupHelp(path)
    }

    private func help(for command: CommandSpec) -> String {
        var text = "OVERVIEW: \(wrap(command.summary, indent: 10).dropFirst(10))\n"
        if let discussion = command.discussion {
            text += "\n" + wrap(discussion, indent: 0) + "\n"
        }
        text += "\nUSAGE: \(wrapUsage(command))\n"
        if !command.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in command.arguments {
                text += row(argument.name, argument.help)
            }
        }
        if !command.options.isEmpty {
            text += "\nOPTIONS:\n"
            for option in command.options {
                text += row(label(option), option.help)
            }
        }
        text += globalOptionsSection()
        return text
    }

    private func groupHelp(_ path: [String]) -> String {
        let name = (["avn"] + path).joined(separator: " ")
        var text = ""
        if let summary = CommandTable.groupSummaries[path] {
            text += "OVERVIEW: \(wrap(summary, indent: 10).dropFirst(10))\n\n"
        }
        text += "USAGE: \(name) <subcommand>\n\nSUBCOMMANDS:\n"
        for word in table.children(of: path) {
            let childPath = path + [word]
            let summary =
                table.command(childPath)?.summary ?? CommandTable.groupSummaries[childPath] ?? ""
            text += row(word, summary)
        }
        text += globalOptionsSection()
        text += "\nSee '\(name) <subcommand> --help' for the options of each subcommand.\n"
        return text
    }

    private func globalOptionsSection() -> String {
        var text = "\nGLOBAL OPTIONS:\n"
        for option in table.globalOptions {
            text += row(label(option), option.help)
        }
        text += row("-h, --help", "Show help.")
        text += row("--version", "Show the version.")
        return text
    }

    /// `avn user login [EMAIL] [--token] [--tenant TENANT]`.
    public func usage(_ command: CommandSpec) -> String {
        usageParts(command).joined(separator: " ")
    }

    private func usageParts(_ command: CommandSpec) -> [String] {
        var parts = [command.displayName]
        for option in command.options {
            parts.append("[\(label(option))]")
        }
        for argument in command.arguments {
            let name = argument.takesRest ? "-- \(argument.name)..." : argument.name
            parts.append(argument.isOptional ? "[\(name)]" : name)
        }
        return parts
    }

    /// The usage line, broken between its parts to stay within 80 columns.
    private func wrapUsage(_ command: CommandSpec) -> String {
        let margin = String(repeating: " ", count: 7)
        var lines: [String] = []
        var line = ""
        for part in usageParts(command) {
            if !line.isEmpty && 7 + line.count + 1 + part.count > 80 {
                lines.append(line)
                line = margin + "   "
            }
            line += (line.isEmpty || line.hasSuffix(" ") ? "" : " ") + part
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private func label(_ option: OptionSpec) -> String {
        option.valueName.map { "--\(option.name) \($0)" } ?? "--\(option.name)"
    }

    private func row(_ label: String, _ help: String) -> String {
        let lead = "  " + label
        let wrapped = wrap(help, indent: column)
        if lead.count + 2 > column {
            return lead + "\n" + wrapped + "\n"
        }
        return lead + String(repeating: " ", count: column - lead.count)
            + wrapped.dropFirst(column) + "\n"
    }

    /// Wraps `text` at 80 columns, every line indented by `indent` spaces.
    private func wrap(_ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = margin
        for word in text.split(separator: " ") {
            if line.count > indent && line.count + 1 + word.count > 80 {
                lines.append(line)
                line = margin
            }
            line += (line.count > indent ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
