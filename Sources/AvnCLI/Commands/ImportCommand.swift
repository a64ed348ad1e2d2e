import AvnAPI
import AvnVault
import FoundationEssentials
import Glibc

/// `avn user import [FILE] [--delete-source]`: moves the official client's
/// plain-text credentials into the vault.
enum ImportCommand {
    static func run(_ context: CommandContext) throws {
        let path = try sourcePath(context)
        let (token, fileEmail) = try readCredentials(at: path)

        let apiURL = context.loginAPIURL
        let user = try context.client(apiURL: apiURL, token: token).me()
        guard let email = user["user"]?.stringValue else {
            throw CLIError("the API's answer to GET /v1/me names no user; nothing was imported")
        }
        if let fileEmail, fileEmail != email {
            throw CLIError(
                "\(path) says the token belongs to \(fileEmail) but the API says \(email); "
                    + "nothing was imported")
        }
        FaultPoint.importAfterVerify.reach()

        let store = try context.profileStore()
        let requested = context.parsed.value("profile")
        if let requested, try store.vault.read({ try $0.profile(named: requested) }) != nil {
            throw VaultError.profileNameTaken(requested)
        }
        let name = try ProfileNaming.newName(
            in: store.vault, requested: requested, email: email, apiURL: apiURL, tenant: nil)
        var profile = Profile(
            name: name, email: email, apiURL: apiURL, loginMethod: .token,
            lastVerifiedAt: Date(), secretStore: try context.secretStoreForNewLogin())
        profile.expiresAt = try? TokenExpiry.lookup(context.client(apiURL: apiURL, token: token))
        let saved = try store.save(profile, token: token, makeCurrent: true)
        FaultPoint.importAfterSave.reach()
        context.sweepOrphans()
        context.console.log(.info, "Imported \(email) from \(path) as profile '\(saved.name)'")

        try offerToDelete(path, context: context)
    }

    /// FILE, else `AIVEN_CREDENTIALS_FILE`, else `$AIVEN_CONFIG_DIR/aiven-credentials.json`,
    /// else `~/.config/aiven/aiven-credentials.json`.
    static func sourcePath(_ context: CommandContext) throws -> String {
        if let path = context.parsed.argument("FILE") { return path }
        let environment = context.environment
        if let path = environment["AIVEN_CREDENTIALS_FILE"], !path.isEmpty { return path }
        if let folder = environment["AIVEN_CONFIG_DIR"], !folder.isEmpty {
            return "\(folder)/aiven-credentials.json"
        }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw CLIError("cannot find the credentials file without HOME; name it as FILE")
        }
        return "\(home)/.config/aiven/aiven-credentials.json"
    }

    /// Reads `{"auth_token": ..., "user_email": ...}`; any other shape is refused.
    static func readCredentials(at path: String) throws -> (token: String, email: String?) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw CLIError("cannot read \(path): it is a folder; name the credentials file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason =
                FileManager.default.fileExists(atPath: path)
                ? "permission denied" : "no such file"
            throw CLIError("cannot read \(path): \(reason)")
        }
        return try readCredentials(from: Array(data), path: path)
    }

    /// Parses the contents of the credentials file read from `path`.
    static func readCredentials(from bytes: [UInt8], path: String) throws
        -> (token: String, email: String?)
    {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw CLIError("\(path) is not a credentials file (\(error)); nothing was imported")
        }
        guard let token = document["auth_token"]?.stringValue, !token.isEmpty,
            !token.contains(where: { $0.isWhitespace || $0.isNewline })
        else {
            throw CLIError(
                "\(path) has no usable \"auth_token\"; nothing was imported")
        }
        return (token, document["user_email"]?.stringValue)
    }

    private static func offerToDelete(_ path: String, context: CommandContext) throws {
        var delete = context.parsed.flag("delete-source")
        if !delete && context.console.inputIsTerminal {
            let answer = context.console.prompt(
                "Delete the plain-text file \(path) now that the token is in the vault? [y/N] ")
            delete = answer?.lowercased().hasPrefix("y") == true
        }
        guard delete else {
            context.console.log(
                .info,
                "\(path) still holds the token in plain text; delete it when nothing else needs "
                    + "it (or import with --delete-source)")
            return
        }
        FaultPoint.importBeforeDeleteSource.reach()
        do {
            try FileManager.default.removeItem(atPath: path)
            context.console.log(.info, "Deleted \(path)")
        } catch {
            throw CLIError("the token is in the vault, but \(path) could not be deleted: \(error)")
        }
    }
}
