/// Why rows cannot be laid out as a table; the official client stops with an exception here.
enum TableRenderError: Error, Equatable, CustomStringConvertible {
    /// No row has a value for this column, so it has no width.
    case columnMissingFromEveryRow(String)
    /// A row after the first object is not an object.
    case rowNotAnObject(index: Int)

    var description: String {
        switch self {
        case .columnMissingFromEveryRow(let column):
            "cannot print the table: no item in the response has the field '\(column)'; "
                + "use --json to see the response as it is"
        case .rowNotAnObject(let index):
            "cannot print the table: item \(index) of the response is not an object; "
                + "use --json to see the response as it is"
        }
    }
}
