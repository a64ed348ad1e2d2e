import AvnVault
import Testing

@Suite("Vault location")
struct VaultLocationTests {
    @Test func optionWinsOverEnvironment() {
        let path = VaultLocation.resolve(
            option: "/tmp/a.sqlite3", environment: ["AVN_VAULT": "/tmp/b", "HOME": "/home/u"])
        #expect(path == "/tmp/a.sqlite3")
    }

    @Test func environmentWinsOverXDG() {
        let path = VaultLocation.resolve(
            option: nil, environment: ["AVN_VAULT": "/tmp/b", "XDG_DATA_HOME": "/x"])
        #expect(path == "/tmp/b")
    }

    @Test func followsXDGDataHome() {
        let path = VaultLocation.resolve(
            option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/home/u"])
        #expect(path == "/x/avn/vault.sqlite3")
    }

    @Test func ignoresARelativeXDGDataHome() {
        let path = VaultLocation.resolve(
            option: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/u"])
        #expect(path == "/home/u/.local/share/avn/vault.sqlite3")
    }

    @Test func hasNoPathWithoutHome() {
        #expect(VaultLocation.resolve(option: nil, environment: [:]) == nil)
    }
}
