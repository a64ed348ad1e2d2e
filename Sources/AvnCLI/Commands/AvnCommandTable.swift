import AvnVault

/// The version `avn --version` prints.
public let avnVersion = "0.1.0"

extension CommandTable {
    /// Every command of avn, the source of help, completions and man page checks.
    public static let avn = CommandTable(
        commands: userCommands + accessTokenCommands + profileCommands + storeCommands
            + configCommands + [completionCommand],
        globalOptions: globalOptions)

    /// One-line descriptions of the command groups.
    public static let groupSummaries: [[String]: String] = [
        []: "avn, the Aiven account vault: log in once per Aiven account, switch between "
            + "accounts, and hand the current token to other programs.",
        ["user"]: "Log in to Aiven accounts and manage their tokens.",
        ["user", "access-token"]: "Create, list, update and revoke personal access tokens.",
        ["config"]: "Show and change vault-wide settings.",
    ]

    static let globalOptions: [OptionSpec] = [
        OptionSpec(
            "url", value: "URL",
            help: "Aiven API base URL (default: AIVEN_WEB_URL, else https://api.aiven.io)."),
        OptionSpec(
            "auth-token", value: "TOKEN",
            help: "Use this token instead of the vault (AIVEN_AUTH_TOKEN is safer: "
                + "other local users can read command lines)."),
        OptionSpec(
            "auth-ca", value: "FILE", help: "Trust this CA certificate file (AIVEN_CA_CERT).",
            completion: .file),
        OptionSpec(
            "request-timeout", value: "SECONDS",
            help: "Give up on an API request after this long."),
        OptionSpec(
            "show-http", help: "Print HTTP requests and responses on stderr, secrets redacted."),
        OptionSpec(
            "profile", value: "NAME", help: "Use this vault profile.", completion: .profileName),
        OptionSpec(
            "vault", value: "PATH", help: "Use the vault database at PATH (AVN_VAULT).",
            completion: .file),
    ]

    static let completionCommand = CommandSpec(
        ["completion"], summary: "Print the shell completion script for bash, zsh or fish.",
        arguments: [
            ArgumentSpec(
                "SHELL", help: "bash, zsh or fish.", completion: .words(["bash", "zsh", "fish"]))
        ],
        discussion: "For example: avn completion bash > ~/.local/share/bash-completion/"
            + "completions/avn")

    static let secretStoreOption = OptionSpec(
        "secret-store", value: "STORE",
        help: "Where to keep the token: keyring, kernel or file (default: the vault's setting, "
            + "else keyring).",
        completion: storeNames)

    /// The secret stores, as options take them.
    static let storeNames = Completion.words(SecretStoreKind.allCases.map(\.rawValue))

    static let jsonOption = OptionSpec("json", help: "Print JSON instead of a table.")

    static let userCommands: [CommandSpec] = [
        CommandSpec(
            ["user", "create"], summary: "Create an Aiven user and log in to it.",
            arguments: [ArgumentSpec("EMAIL", help: "The new user's email address.")],
            options: [
                OptionSpec("real-name", value: "NAME", help: "The user's full name."),
                secretStoreOption,
            ],
            discussion: "The password is asked twice without echo, or read from "
                + "AIVEN_NEW_PASSWORD. The new session becomes a profile in the vault "
                + "and the profile in use."),
        CommandSpec(
            ["user", "login"], summary: "Log in to an Aiven account and keep its token.",
            arguments: [
                ArgumentSpec("EMAIL", help: "The account's email address.", optional: true)
            ],
            options: [
                OptionSpec(
                    "token", help: "Log in with a pre-created token instead of a password."),
                OptionSpec("tenant", value: "TENANT", help: "Log in to this tenant."),
                secretStoreOption,
            ],
            discussion: "The password is read from a prompt without echo, from AIVEN_PASSWORD, "
                + "or from standard input when it is not a terminal; with --token the token is "
                + "read the same way (or from AIVEN_AUTH_TOKEN) and checked with the API before "
                + "it is kept. The profile is named by --profile, else by the email; logging "
                + "in again to a profile replaces its token and revokes the old session."),
        CommandSpec(
            ["user", "info"], summary: "Show the user of the token in use.",
            options: [jsonOption]),
        CommandSpec(
            ["user", "logout"], summary: "Revoke the token in use and forget its profile.",
            options: [
                OptionSpec(
                    "no-token-revoke",
                    help: "Forget the profile without revoking its token on the server.")
            ]),
        CommandSpec(
            ["user", "tokens-expire"],
            summary: "Expire every token of the account, here and on the server."),
        CommandSpec(
            ["user", "password-change"],
            summary: "Change the account's password and keep the new session."),
    ]

    static let accessTokenCommands: [CommandSpec] = [
        CommandSpec(
            ["user", "access-token", "create"], summary: "Create a personal access token.",
            options: [
                OptionSpec("description", value: "TEXT", help: "What the token is for (required)."),
                OptionSpec(
                    "max-age-seconds", value: "SECONDS",
                    help: "Expire the token after this many seconds (600 to 315360000)."),
                OptionSpec(
                    "extend-when-used",
                    help: "Restart the max age each time the token is used."),
                jsonOption,
            ]),
        CommandSpec(
            ["user", "access-token", "list"], summary: "List the account's valid tokens.",
            options: [
                OptionSpec(
                    "with-profiles", help: "Add a column naming the profile holding each token."),
                jsonOption,
            ]),
        CommandSpec(
            ["user", "access-token", "update"], summary: "Change a token's description.",
            arguments: [
                ArgumentSpec("TOKEN_PREFIX", help: "The token's prefix, or the whole token.")
            ],
            options: [
                OptionSpec("description", value: "TEXT", help: "The new description (required)."),
                jsonOption,
            ]),
        CommandSpec(
            ["user", "access-token", "revoke"], summary: "Revoke a token.",
            arguments: [
                ArgumentSpec("TOKEN_PREFIX", help: "The token's prefix, or the whole token.")
            ]),
    ]

    static let profileCommands: [CommandSpec] = [
        CommandSpec(
            ["user", "profiles"], summary: "List the vault's profiles; never prints a token.",
            options: [
                OptionSpec(
                    "names",
                    help: "Print only the names, one a line (for scripts and shell "
                        + "completion; reads no keyring)."),
                jsonOption,
            ]),
        CommandSpec(
            ["user", "current"], summary: "Name the profile in effect and why.",
            options: [jsonOption],
            discussion: "The first of these wins: --auth-token or AIVEN_AUTH_TOKEN (no "
                + "profile), --profile, AVN_PROFILE, a .avn-profile file in the working folder "
                + "or the nearest parent (up to HOME), then the profile made current by "
                + "'avn user switch'."),
        CommandSpec(
            ["user", "switch"], summary: "Make a profile the current one.",
            arguments: [
                ArgumentSpec(
                    "NAME",
                    help: "The profile; without it, two profiles toggle and more are "
                        + "offered as a list on a terminal.", optional: true,
                    completion: .profileName)
            ]),
        CommandSpec(
            ["user", "rename"], summary: "Rename a profile.",
            arguments: [
                ArgumentSpec("OLD", help: "The profile's name.", completion: .profileName),
                ArgumentSpec("NEW", help: "Its new name."),
            ]),
        CommandSpec(
            ["user", "remove"], summary: "Revoke a profile's token and forget the profile.",
            arguments: [
                ArgumentSpec("NAME", help: "The profile.", completion: .profileName)
            ],
            options: [
                OptionSpec(
                    "no-token-revoke",
                    help: "Forget the profile without revoking its token on the server.")
            ]),
        CommandSpec(
            ["user", "token"],
            summary: "Print the token of the profile in effect, for other programs.",
            discussion: "Prints the token and a newline on stdout and nothing else; makes no "
                + "network call. Warns on stderr when the token expires within "
                + "AVN_EXPIRY_WARNING_DAYS days (default 7)."),
        CommandSpec(
            ["user", "exec"],
            summary: "Run a command with the token of the profile in effect in its environment.",
            arguments: [
                ArgumentSpec(
                    "COMMAND", help: "The command and its arguments.", takesRest: true,
                    completion: .command)
            ],
            options: [
                OptionSpec("nest", help: "Allow running inside another 'avn user exec'.")
            ],
            discussion: "avn replaces itself with COMMAND, so its exit status and signals pass "
                + "through. COMMAND gets AIVEN_AUTH_TOKEN, AIVEN_TOKEN, AIVEN_WEB_URL and "
                + "AVN_PROFILE_IN_USE; the token never appears on a command line."),
        CommandSpec(
            ["user", "status"], summary: "Check tokens against the server and record the verdict.",
            arguments: [
                ArgumentSpec(
                    "NAME", help: "The profile to check (default: the one in effect).",
                    optional: true, completion: .profileName)
            ],
            options: [
                OptionSpec("all", help: "Check every profile."),
                jsonOption,
            ]),
        CommandSpec(
            ["user", "import"],
            summary: "Import the official client's credentials file into the vault.",
            arguments: [
                ArgumentSpec(
                    "FILE",
                    help: "The file (default: AIVEN_CREDENTIALS_FILE, else "
                        + "$AIVEN_CONFIG_DIR/aiven-credentials.json, else "
                        + "~/.config/aiven/aiven-credentials.json).", optional: true,
                    completion: .file)
            ],
            options: [
                OptionSpec(
                    "delete-source", help: "Delete the plain-text file once the token is kept."),
                secretStoreOption,
            ]),
    ]

    static let storeCommands: [CommandSpec] = [
        CommandSpec(
            ["user", "doctor"],
            summary: "Check the vault, every token and every secret store; repair with --fix.",
            options: [
                OptionSpec(
                    "fix", help: "Repair what can be repaired without losing a working token."),
                jsonOption,
            ],
            discussion: "Checks the vault's permissions, schema and integrity, that every "
                + "profile's token is in its store, tokens that belong to no profile, and "
                + "whether each store can be reached. Exits 1 while a problem remains."),
        CommandSpec(
            ["user", "migrate-secrets"], summary: "Move tokens to another secret store.",
            arguments: [
                ArgumentSpec(
                    "NAME", help: "The profile to move (default: the one in effect).",
                    optional: true, completion: .profileName)
            ],
            options: [
                OptionSpec(
                    "to", value: "STORE", help: "The store to move to: keyring, kernel or file.",
                    completion: storeNames),
                OptionSpec("all", help: "Move every profile's token."),
            ],
            discussion: "Each move is atomic: once it succeeds the token is in exactly one "
                + "store, and when it fails the token is still where it was."),
    ]

    static let configCommands: [CommandSpec] = [
        CommandSpec(
            ["config", "get"], summary: "Print a setting's value.",
            arguments: [
                ArgumentSpec(
                    "KEY", help: "secret-store or expiry-warning-days.",
                    completion: .words(VaultSettings.keys))
            ]),
        CommandSpec(
            ["config", "set"], summary: "Change a setting.",
            arguments: [
                ArgumentSpec(
                    "KEY",
                    help: "secret-store (keyring, kernel or file: where new logins keep "
                        + "their token) or expiry-warning-days (a number).",
                    completion: .words(VaultSettings.keys)),
                ArgumentSpec("VALUE", help: "The new value."),
            ]),
        CommandSpec(
            ["config", "unset"], summary: "Return a setting to its default.",
            arguments: [
                ArgumentSpec(
                    "KEY", help: "secret-store or expiry-warning-days.",
                    completion: .words(VaultSettings.keys))
            ]),
    ]
}
