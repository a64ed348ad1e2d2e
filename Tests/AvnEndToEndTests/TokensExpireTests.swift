import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("avn user tokens-expire")
struct TokensExpireTests {
    @Test func expiresEveryProfileOfTheAccountOnly() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "a1")
        try world.login(Seed.ada, "--profile", "a2")
        try world.login(Seed.linus, "--tenant", "gcp")
        let linusToken = try world.token(ofProfile: Seed.linus.email)

        let result = try world.avn("--profile", "a1", "user", "tokens-expire")
        result.expectQuietSuccess()
        #expect(result.stdout == "All tokens expired\n")
        for name in ["a1", "a2"] {
            let profile = try world.profile(name)
            #expect(profile.state == .expired, "\(name)")
            #expect(try world.vault.keyringToken(profileID: profile.id) == nil, "\(name)")
            #expect(try world.vault.keyringItemCount(profileID: profile.id) == 0, "\(name)")
        }
        let linus = try world.profile(Seed.linus.email)
        #expect(linus.state == .active)
        #expect(try world.vault.keyringToken(profileID: linus.id) == linusToken)
        #expect(
            try world.fake.tokens(of: Seed.ada.email).allSatisfy {
                $0["expired"] == .bool(true)
            })
        #expect(try world.serverAccepts(linusToken))
    }

    @Test func failingCallChangesNothing() throws {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "a1")
        try world.login(Seed.ada, "--profile", "a2")
        let before = try world.vault.snapshot()
        try world.fake.addFault(FakeFault(path: "/v1/me/expire_tokens", status: 500))

        let result = try world.avn("user", "tokens-expire")
        result.expectFailure(containing: "Internal server error (status 500)")
        #expect(try world.vault.snapshot() == before)
    }
}
