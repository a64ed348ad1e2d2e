import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user logout")
struct LogoutTests {
    @Test func logoutRevokesAndForgets() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let profile = try world.profile(Seed.ada.email)
        let token = try world.token(ofProfile: Seed.ada.email)

        let result = try world.avn("user", "logout")
        result.expectQuietSuccess()
        #expect(result.stdout.isEmpty)
        #expect(try world.serverToken(token)["revoked"] == .bool(true))
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0)
        #expect(try world.vault.profiles().isEmpty)
        #expect(try world.vault.currentProfileName() == nil)
    }

    @Test func noTokenRevokeKeepsTheServerTokenValid() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let profile = try world.profile(Seed.ada.email)
        let token = try world.token(ofProfile: Seed.ada.email)

        let result = try world.avn("user", "logout", "--no-token-revoke")
        result.expectQuietSuccess()
        #expect(try world.serverAccepts(token))
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0)
        #expect(try world.vault.profiles().isEmpty)
    }

    @Test func serverErrorKeepsEverything() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        try world.fake.addFault(
            FakeFault(path: "/v1/access_token/*", method: "DELETE", status: 500))

        let result = try world.avn("user", "logout")
        result.expectFailure(
            containing: "Internal server error (status 500)", "nothing was removed locally",
            "Retry, or use --no-token-revoke")
        #expect(try world.vault.snapshot() == before)
        #expect(try world.serverAccepts(try world.token(ofProfile: Seed.ada.email)))
    }

    @Test func alreadyInvalidTokenIsForgottenAnyway() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let profile = try world.profile(Seed.ada.email)
        let token = try world.token(ofProfile: Seed.ada.email)
        _ = try world.fake.admin(
            .post, "/v1/me/logout", headers: ["authorization": "aivenv1 \(token)"])

        let result = try world.avn("user", "logout")
        result.expectQuietSuccess()
        #expect(try world.vault.profiles().isEmpty)
        #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0)
    }

    @Test func unreachableServerKeepsEverything() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada)
        let before = try world.vault.snapshot()
        world.stopServer()

        let result = try world.avn("user", "logout")
        result.expectFailure(containing: "connection refused", "--no-token-revoke")
        #expect(try world.vault.snapshot() == before)
    }
}
