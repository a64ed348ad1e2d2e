/// A command line after parsing: which command, and its values.
public struct ParsedCommand: Sendable {
    public let spec: CommandSpec
    public private(set) var arguments: [String: String] = [:]
    public private(set) var rest: [String] = []
    public private(set) var values: [String: String] = [:]
    public private(set) var flags: Set<String> = []

    init(spec: CommandSpec) {
        self.spec = spec
    }

    public func argument(_ name: String) -> String? {
        arguments[name]
    }

    public func value(_ option: String) -> String? {
        values[option]
    }

    public func flag(_ option: String) -> Bool {
        flags.contains(option)
    }

    mutating func setArgument(_ name: String, _ value: String) {
        arguments[name] = value
    }

    mutating func appendRest(_ words: some Sequence<String>) {
        rest.append(contentsOf: words)
    }

    mutating func setValue(_ option: String, _ value: String) {
        values[option] = value
    }

    mutating func setFlag(_ option: String) {
        flags.insert(option)
    }
}
