import AvnAPI

/// `avn user info [--json]`.
enum InfoCommand {
    static let columns = ["user", "real_name", "state", "token_validity_begin", "projects", "auth"]

    static func run(_ context: CommandContext) throws {
        let auth = try context.authenticatedClient()
        let user = try context.call(auth) { try $0.me() }
        try context.printResult([user], columns: columns)
    }
}
