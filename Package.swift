// swift-tools-version:6.0
import PackageDescription

/// Executables link the Swift runtime and FoundationEssentials statically:
/// they start in a few milliseconds and need no Swift libraries installed.
/// Release builds drop the symbol tables, which saves a millisecond of start-up.
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib"]),
    .unsafeFlags(["-Xlinker", "--strip-all"], .when(configuration: .release)),
    .linkedLibrary("_FoundationCShims"),
    .linkedLibrary("_FoundationCollections"),
    .linkedLibrary("swiftSynchronization"),
]

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "avn",
    products: [
        .executable(name: "avn", targets: ["avn"]),
        .executable(name: "git-credential-avn", targets: ["git-credential-avn"]),
        .executable(name: "avn-fake-api", targets: ["avn-fake-api"]),
    ],
    targets: [
        // System libraries, reached through pkg-config.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Headers only: libssl is opened with dlopen on the first https request.
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CKeyutils",
            pkgConfig: "libkeyutils",
            providers: [.apt(["libkeyutils-dev"])]
        ),
        .systemLibrary(
            name: "CLibsecret",
            pkgConfig: "libsecret-1",
            providers: [.apt(["libsecret-1-dev"])]
        ),

        // The vault: profiles in SQLite, tokens in a secret store.
        .target(
            name: "AvnVault",
            dependencies: ["CSQLite", "CLibsecret", "CKeyutils"],
            swiftSettings: strictSettings
        ),
        // The Aiven API: JSON, endpoints, HTTP transport.
        .target(name: "AvnAPI", dependencies: ["COpenSSL"], swiftSettings: strictSettings),
        // The command line: argument parsing, commands, output.
        .target(
            name: "AvnCLI",
            dependencies: ["AvnVault", "AvnAPI"],
            swiftSettings: strictSettings
        ),
        // The in-memory stand-in of the Aiven API used by tests and the demo.
        .target(name: "AvnFakeAPI", swiftSettings: strictSettings),
        // Test doubles and helpers; imported by tests only.
        .target(
            name: "AvnTestSupport",
            dependencies: ["AvnVault", "AvnAPI"],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "avn",
            dependencies: ["AvnCLI"],
            swiftSettings: strictSettings,
            linkerSettings: staticRuntime
        ),
        .executableTarget(
            name: "git-credential-avn",
            dependencies: ["AvnVault"],
            swiftSettings: strictSettings,
            linkerSettings: staticRuntime
        ),
        .executableTarget(
            name: "avn-fake-api",
            dependencies: ["AvnFakeAPI"],
            swiftSettings: strictSettings
        ),

        .testTarget(
            name: "AvnVaultTests",
            dependencies: ["AvnVault", "AvnTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AvnAPITests",
            dependencies: ["AvnAPI", "AvnTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AvnCLITests",
            dependencies: ["AvnCLI", "AvnTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AvnFakeAPITests",
            dependencies: ["AvnFakeAPI", "AvnTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AvnEndToEndTests",
            dependencies: ["AvnTestSupport"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
