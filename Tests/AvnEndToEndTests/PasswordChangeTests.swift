import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user password-change")
struct PasswordChangeTests {
    static let newPassword = "a-brand-new-password"

    @Test func profileKeepsWorkingAndOthersExpire() throws {
        let world = try EndToEnd()
        world.extraPasswords.append(Self.newPassword)
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "second")
        let oldToken = try world.token(ofProfile: "main")

        let result = try world.avn(
            "--profile", "main", "user", "password-change", stdin: Seed.ada.password + "\n",
            environment: ["AIVEN_NEW_PASSWORD": Self.newPassword])
        result.expectQuietSuccess()
        #expect(
            result.stdout
                == "Password changed. Profile 'main' keeps working with the new session.\n")
        let newToken = try world.token(ofProfile: "main")
        #expect(newToken != oldToken)
        #expect(try world.serverAccepts(newToken))
        #expect(try world.profile("main").state == .active)
        let second = try world.profile("second")
        #expect(second.state == .expired)
        #expect(try world.vault.keyringItemCount(profileID: second.id) == 0)

        let info = try world.avn("--profile", "main", "user", "info")
        info.expectQuietSuccess()
        let relogin = try world.avn(
            "user", "login", Seed.ada.email, "--profile", "third", stdin: Self.newPassword + "\n")
        #expect(relogin.status == 0, "\(relogin)")
    }

    @Test func wrongCurrentPasswordChangesNothing() throws {
        let world = try EndToEnd()
        world.extraPasswords.append(Self.newPassword)
        try world.login(Seed.ada, "--profile", "main")
        try world.login(Seed.ada, "--profile", "second")
        let before = try world.vault.snapshot()

        let result = try world.avn(
            "--profile", "main", "user", "password-change", stdin: "not-my-password\n",
            environment: ["AIVEN_NEW_PASSWORD": Self.newPassword])
        result.expectFailure(containing: "Authentication failed (status 403)")
        #expect(try world.vault.snapshot() == before)
        for token in before.tokens.values {
            #expect(try world.serverAccepts(token))
        }
    }
}
