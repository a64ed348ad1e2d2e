import AvnAPI

extension CommandContext {
    /// Prints `rows` as the official client does: a table with `columns`, or
    /// with `--json` the JSON of `json` (the rows unless given).
    func printResult(_ rows: [JSONValue], columns: [String], json: JSONValue? = nil) throws {
        if parsed.flag("json") {
            console.write((json ?? .array(rows)).pythonJSON() + "\n")
        } else {
            console.write(try TableRenderer.render(rows, columns: columns))
        }
    }
}
