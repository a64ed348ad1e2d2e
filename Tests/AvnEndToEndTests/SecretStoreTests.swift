import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("Choosing where tokens are kept")
struct SecretStoreTests {
    static let storeLabels: [SecretStoreKind: String] = [
        .keyring: "keyring", .kernel: "kernel", .file: "file (plain text)",
    ]

    @Test(arguments: SecretStoreKind.allCases)
    func loginOptionKeepsTheTokenInThatStoreOnly(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let result = try world.avn(
            "user", "login", Seed.ada.email, "--secret-store", kind.rawValue,
            stdin: Seed.ada.password + "\n")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stderr.hasSuffix(
                "INFO\tLogged in as ada@example.com; profile 'ada@example.com' is in use "
                    + "(token kept in the \(kind.rawValue) store)\n"), "\(result)")
        #expect(result.stderr.contains(plainTextWarning) == (kind == .file), "\(result)")

        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind)
        #expect(try world.tokenOutput(profile: Seed.ada.email) == token)
        let row = try world.listedRow(Seed.ada.email)
        #expect(row.hasSuffix("  " + (Self.storeLabels[kind] ?? "?")), "\(row)")
        #expect(row.contains("active"), "\(row)")
    }

    @Test(arguments: SecretStoreKind.allCases)
    func environmentChoosesTheStore(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let result = try world.avn(
            "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n",
            environment: ["AVN_SECRET_STORE": kind.rawValue])
        #expect(result.status == 0, "\(result)")
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind)
        #expect(try world.tokenOutput(profile: Seed.ada.email) == token)
    }

    @Test func optionBeatsEnvironmentWhichBeatsTheVaultSetting() throws {
        let world = try StoreWorld()
        try world.avn("config", "set", "secret-store", "file")
        let first = try world.avn(
            "user", "login", Seed.ada.email, "--secret-store", "kernel",
            stdin: Seed.ada.password + "\n", environment: ["AVN_SECRET_STORE": "keyring"])
        #expect(first.status == 0, "\(first)")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)

        let second = try world.avn(
            "user", "login", Seed.grace.email, stdin: "\(Seed.grace.password)\n123456\n",
            environment: ["AVN_SECRET_STORE": "keyring"])
        #expect(second.status == 0, "\(second)")
        try world.expectToken(ofProfile: Seed.grace.email, onlyIn: .keyring)

        try world.login(Seed.linus, store: .kernel, "--tenant", "gcp")
        try world.expectToken(ofProfile: Seed.linus.email, onlyIn: .kernel)
    }

    @Test(arguments: SecretStoreKind.allCases)
    func createKeepsTheTokenInTheChosenStore(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        world.base.extraPasswords.append("brand-new-pass")
        let result = try world.avn(
            "user", "create", "new@example.com", "--secret-store", kind.rawValue,
            environment: ["AIVEN_NEW_PASSWORD": "brand-new-pass"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("(token kept in the \(kind.rawValue) store)"), "\(result)")
        try world.expectToken(ofProfile: "new@example.com", onlyIn: kind)
    }

    @Test(arguments: SecretStoreKind.allCases)
    func importKeepsTheTokenInTheChosenStore(kind: SecretStoreKind) throws {
        let world = try StoreWorld()
        let session = try world.sessionToken(Seed.ada)
        let file = try world.base.folder.write(
            #"{"auth_token": "\#(session)", "user_email": "ada@example.com"}"#,
            to: "aiven-credentials.json")
        let result = try world.avn("user", "import", file, "--secret-store", kind.rawValue)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains(plainTextWarning) == (kind == .file), "\(result)")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: kind, equalTo: session)
    }

    @Test func unknownStoreIsAUsageErrorBeforeAnyLogin() throws {
        let world = try StoreWorld()
        let tokensBefore = try world.fake.tokens().count
        let result = try world.avn(
            "user", "login", Seed.ada.email, "--secret-store", "vault",
            stdin: Seed.ada.password + "\n")
        result.expectUsageError(containing: "unknown secret store 'vault'")
        #expect(result.stderr.contains("keyring, kernel, file"), "\(result)")
        #expect(try world.vault.profiles().isEmpty)
        // A usage error must not leave a fresh session behind on the server.
        #expect(try world.fake.tokens().count == tokensBefore)
    }

    @Test func fileStoreIsPrivateAndWarnsAtEveryUse() throws {
        let world = try StoreWorld()
        let login = try world.avn(
            "user", "login", Seed.ada.email, "--secret-store", "file",
            stdin: Seed.ada.password + "\n")
        #expect(login.stderr.contains(plainTextWarning), "\(login)")
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .file)

        let path = world.stores.tokenFilePath
        #expect(try ScratchFolder.mode(of: path) == 0o600)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try ScratchFolder.mode(of: folder) == 0o700)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text.contains(token))

        for _ in 0..<2 {
            let use = try world.avn("user", "token", mayShowTokens: true)
            #expect(use.status == 0, "\(use)")
            #expect(use.stdout == token + "\n")
            #expect(use.stderrLines == [plainTextWarning], "\(use)")
        }
        let info = try world.avn("user", "info")
        #expect(info.status == 0, "\(info)")
        #expect(info.stderrLines == [plainTextWarning], "\(info)")
    }

    @Test func keyringLoginWithoutABusFailsAndKeepsNothing() throws {
        let world = try StoreWorld()
        let result = try world.avnWithoutBus(
            "user", "login", Seed.ada.email, "--secret-store", "keyring",
            stdin: Seed.ada.password + "\n")
        result.expectFailure(containing: "no D-Bus session bus", "kernel or file")
        #expect(try world.vault.profiles().isEmpty)
        for kind in SecretStoreKind.allCases {
            #expect(try world.stores.profileIDs(in: kind).isEmpty, "\(kind)")
        }
        #expect(!FileManager.default.fileExists(atPath: world.stores.tokenFilePath))

        let kernel = try world.avnWithoutBus(
            "user", "login", Seed.ada.email, "--secret-store", "kernel",
            stdin: Seed.ada.password + "\n")
        #expect(kernel.status == 0, "\(kernel)")
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)
        let use = try world.avnWithoutBus("user", "token", mayShowTokens: true)
        #expect(use.status == 0, "\(use)")
        #expect(use.stdout == token + "\n")
    }

    @Test func defaultStoreWithoutABusFailsWithoutFallingBack() throws {
        let world = try StoreWorld()
        let result = try world.avnWithoutBus(
            "user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        result.expectFailure(containing: "no D-Bus session bus", "kernel or file")
        #expect(try world.vault.profiles().isEmpty)
        for kind in SecretStoreKind.allCases {
            #expect(try world.stores.profileIDs(in: kind).isEmpty, "\(kind)")
        }
    }
}
