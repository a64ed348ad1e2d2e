import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn config")
struct ConfigTests {
    @Test func secretStoreSettingChoosesTheStoreOfNewLogins() throws {
        let world = try StoreWorld()
        #expect(try world.avn("config", "get", "secret-store").stdout == "keyring\n")
        try world.avn("config", "set", "secret-store", "kernel").expectQuietSuccess()
        let get = try world.avn("config", "get", "secret-store")
        get.expectQuietSuccess()
        #expect(get.stdout == "kernel\n")

        let login = try world.avn("user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        #expect(login.status == 0, "\(login)")
        #expect(login.stderr.contains("(token kept in the kernel store)"), "\(login)")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)

        try world.avn("config", "unset", "secret-store").expectQuietSuccess()
        #expect(try world.avn("config", "get", "secret-store").stdout == "keyring\n")
        let next = try world.avn(
            "user", "login", Seed.grace.email, stdin: "\(Seed.grace.password)\n123456\n")
        #expect(next.status == 0, "\(next)")
        try world.expectToken(ofProfile: Seed.grace.email, onlyIn: .keyring)
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)
    }

    @Test func choosingTheFileStoreWarns() throws {
        let world = try StoreWorld()
        let result = try world.avn("config", "set", "secret-store", "file")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stderrLines == [
                "WARNING\tnew logins will keep their tokens in plain text in the file store"
            ], "\(result)")
        let login = try world.avn("user", "login", Seed.ada.email, stdin: Seed.ada.password + "\n")
        #expect(login.stderr.contains(plainTextWarning), "\(login)")
        try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .file)
    }

    @Test func expiryWarningDaysHasADefaultAndKeepsItsValue() throws {
        let world = try StoreWorld()
        #expect(try world.avn("config", "get", "expiry-warning-days").stdout == "7\n")
        try world.avn("config", "set", "expiry-warning-days", "30").expectQuietSuccess()
        #expect(try world.avn("config", "get", "expiry-warning-days").stdout == "30\n")
        try world.avn("config", "unset", "expiry-warning-days").expectQuietSuccess()
        #expect(try world.avn("config", "get", "expiry-warning-days").stdout == "7\n")
    }

    static let badCommands: [(arguments: [String], message: String)] = [
        (["config", "set", "colour", "blue"], "'colour' is not a setting"),
        (["config", "get", "colour"], "'colour' is not a setting"),
        (["config", "unset", "colour"], "'colour' is not a setting"),
        (["config", "set", "secret-store", "vault"], "'vault' is not a secret store"),
        (["config", "set", "secret-store", "Kernel"], "'Kernel' is not a secret store"),
        (["config", "set", "expiry-warning-days", "4000"], "is not a number of days"),
        (["config", "set", "expiry-warning-days", "soon"], "is not a number of days"),
        (["config", "set", "secret-store"], "VALUE"),
        (["config", "get"], "KEY"),
    ]

    @Test(arguments: badCommands)
    func badKeyOrValueIsAUsageErrorAndChangesNothing(arguments: [String], message: String)
        throws
    {
        let world = try StoreWorld()
        try world.avn("config", "set", "secret-store", "kernel").expectQuietSuccess()
        let result = try world.base.runner.run(arguments)
        world.base.record(result)
        result.expectUsageError(containing: message)
        #expect(try world.avn("config", "get", "secret-store").stdout == "kernel\n")
        #expect(try world.avn("config", "get", "expiry-warning-days").stdout == "7\n")
    }
}
