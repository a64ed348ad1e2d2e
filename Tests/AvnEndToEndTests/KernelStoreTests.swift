import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("The kernel key store")
struct KernelStoreTests {
    @Test func tokenRoundTripsThroughAUserKeyInTheAvnKeyring() throws {
        let world = try StoreWorld()
        let profile = try world.login(Seed.ada, store: .kernel)
        let token = try world.expectToken(ofProfile: Seed.ada.email, onlyIn: .kernel)
        #expect(try world.tokenOutput(profile: Seed.ada.email) == token)

        let keyring = try StoreInspector.keyctl(["search", "@u", "keyring", "avn"])
        let description = try world.stores.kernelKeyDescription(profileID: profile.id)
        let serial = try StoreInspector.keyctl(["search", keyring, "user", description])
        let described = try StoreInspector.keyctl(["rdescribe", serial])
        #expect(described.hasPrefix("user;"), "\(described)")
        #expect(described.hasSuffix(";" + description), "\(described)")
        #expect(try StoreInspector.keyctl(["print", serial]) == token)
    }

    @Test func lostKeyShowsAsNeedsLoginAndTokenSaysHowToLogInAgain() throws {
        let world = try StoreWorld()
        let profile = try world.login(Seed.ada, store: .kernel, "--profile", "work")
        let other = try world.login(Seed.grace, store: .kernel, "--profile", "home")
        try world.stores.invalidateKernelKey(profileID: profile.id)

        let row = try world.listedRow("work")
        #expect(row.contains("needs login"), "\(row)")
        #expect(try world.listedRow("home").contains("active"))

        let result = try world.avn("user", "token", "--profile", "work")
        result.expectFailure(
            containing: "profile 'work' has no token in the kernel store",
            "avn user login --profile work")
        #expect(try world.stores.stores(holding: profile.id).isEmpty)
        #expect(try world.stores.stores(holding: other.id) == [.kernel])

        try world.login(Seed.ada, store: .kernel, "--profile", "work")
        let token = try world.expectToken(ofProfile: "work", onlyIn: .kernel)
        #expect(try world.tokenOutput(profile: "work") == token)
        #expect(try world.listedRow("work").contains("active"))
    }

    @Test func keysOfOneVaultAreInvisibleToAnother() throws {
        let world = try StoreWorld()
        let other = try StoreWorld()
        let profile = try world.login(Seed.ada, store: .kernel)
        try other.login(Seed.ada, store: .kernel)
        #expect(try world.stores.profileIDs(in: .kernel) == [profile.id])
        let doctor = try other.avn("user", "doctor")
        #expect(doctor.status == 0, "\(doctor)")
        #expect(!doctor.stdout.contains("belong to no profile"), "\(doctor)")
    }
}
