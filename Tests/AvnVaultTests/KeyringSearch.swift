import AvnTestSupport
import Foundation

/// What `secret-tool search` shows about the keyring, to check items from outside avn.
struct KeyringSearch {
    struct Item {
        var label = ""
        var secret = ""
        var schema = ""
        var attributes: [String: String] = [:]
    }

    /// Our items for `profileID`, as `secret-tool search --all` lists them.
    static func items(profileID: String) throws -> [Item] {
        let (output, errors) = try run(
            "/usr/bin/secret-tool",
            [
                "search", "--all", "xdg:schema", "io.aiven.avn.Token", "profile", profileID,
            ])
        var items = parse(output)
        for (index, attributes) in parseAttributes(errors).enumerated() where index < items.count {
            items[index].attributes = attributes
        }
        return items
    }

    /// secret-tool prints each item as a `[path]` line then `name = value`
    /// lines on standard output, the schema as `schema = NAME`.
    static func parse(_ output: String) -> [Item] {
        var items: [Item] = []
        for line in output.split(separator: "\n") {
            if line.hasPrefix("[") {
                items.append(Item())
                continue
            }
            guard !items.isEmpty, let (name, value) = split(line) else { continue }
            let last = items.count - 1
            switch name {
            case "label": items[last].label = value
            case "secret": items[last].secret = value
            case "schema": items[last].schema = value
            default: break
            }
        }
        return items
    }

    /// secret-tool prints attributes as `attribute.NAME = VALUE` lines on
    /// standard error, item after item; a name seen again starts the next item.
    static func parseAttributes(_ errors: String) -> [[String: String]] {
        var groups: [[String: String]] = []
        for line in errors.split(separator: "\n") {
            guard let (name, value) = split(line), name.hasPrefix("attribute.") else { continue }
            let key = String(name.dropFirst("attribute.".count))
            if groups.isEmpty || groups[groups.count - 1][key] != nil { groups.append([:]) }
            groups[groups.count - 1][key] = value
        }
        return groups
    }

    private static func split(_ line: Substring) -> (String, String)? {
        guard let range = line.range(of: " = ") else { return nil }
        return (String(line[..<range.lowerBound]), String(line[range.upperBound...]))
    }

    /// Runs a tool and returns what it printed on standard output and error.
    /// Adds an item of our schema with `secret-tool store`, the way another
    /// program (or an older avn) could have left a second item for a profile.
    static func store(_ secret: String, profileID: String, email: String) throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/secret-tool")
        process.arguments = [
            "store", "--label", "extra item", "xdg:schema", "io.aiven.avn.Token",
            "profile", profileID, "email", email, "api", "api.aiven.io",
        ]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(secret.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (String, String) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Small outputs: both fit in the pipe buffers, so reading in turn cannot block.
        process.waitUntilExit()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
