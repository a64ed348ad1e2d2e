import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user create")
struct CreateTests {
    @Test func newUserBecomesTheCurrentProfile() throws {
        let world = try EndToEnd()
        world.extraPasswords.append("brand-new-pass")
        let result = try world.avn(
            "user", "create", "new@example.com", "--real-name", "New Person",
            environment: ["AIVEN_NEW_PASSWORD": "brand-new-pass"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == "INFO\tCreated user new@example.com; profile 'new@example.com' "
                + "is in use (token kept in the keyring store)\n")

        let profile = try world.profile("new@example.com")
        #expect(profile.loginMethod == .created)
        #expect(profile.state == .active)
        #expect(try world.vault.currentProfileName() == "new@example.com")
        let token = try world.token(ofProfile: "new@example.com")
        #expect(try world.serverAccepts(token))
        let users = try world.fake.state()["users"]?.arrayValue ?? []
        let created = try #require(users.first { $0["email"]?.stringValue == "new@example.com" })
        #expect(created["real_name"]?.stringValue == "New Person")

        let info = try world.avn("user", "info")
        #expect(info.stdout.contains("new@example.com  New Person"), "\(info)")
    }

    @Test func passwordFromStandardInput() throws {
        let world = try EndToEnd()
        world.extraPasswords.append("piped-new-pass")
        let result = try world.avn("user", "create", "piped@example.com", stdin: "piped-new-pass\n")
        #expect(result.status == 0, "\(result)")
        #expect(try world.vault.profile(named: "piped@example.com") != nil)
    }

    @Test(arguments: [
        (Seed.ada.email, "another-good-pass", "User already exists (status 409)"),
        ("short@example.com", "short", "Password too weak (status 400)"),
    ])
    func refusedCreationKeepsNothing(email: String, password: String, message: String) throws {
        let world = try EndToEnd()
        world.extraPasswords.append(password)
        let result = try world.avn(
            "user", "create", email, environment: ["AIVEN_NEW_PASSWORD": password])
        result.expectFailure(containing: message)
        #expect(try world.vault.profiles().isEmpty)
        #expect(try world.fake.tokens().isEmpty)
    }
}
