/// Every command avn knows, with the options every command accepts.
public struct CommandTable: Sendable {
    public let commands: [CommandSpec]
    public let globalOptions: [OptionSpec]

    public init(commands: [CommandSpec], globalOptions: [OptionSpec]) {
        self.commands = commands
        self.globalOptions = globalOptions
    }

    public func command(_ path: [String]) -> CommandSpec? {
        commands.first { $0.path == path }
    }

    /// Whether `path` names a group of commands, such as `user` or `user access-token`.
    public func isGroup(_ path: [String]) -> Bool {
        path.isEmpty
            || commands.contains { $0.path.count > path.count && $0.path.starts(with: path) }
    }

    /// The next words after `path` that lead to commands, in table order.
    public func children(of path: [String]) -> [String] {
        var seen: [String] = []
        for command in commands
        where command.path.count > path.count
            && command.path.starts(with: path)
        {
            let word = command.path[path.count]
            if !seen.contains(word) { seen.append(word) }
        }
        return seen
    }
}
