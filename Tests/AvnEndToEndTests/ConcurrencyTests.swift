import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Testing

@Suite("many avn processes at once")
struct ConcurrencyTests {
    static let readers = 32
    static let writers = 4
    static let seconds: TimeInterval = 8

    /// What one reader or writer saw.
    struct Tally: Sendable {
        var reads: [(profile: Int, result: AvnResult)] = []
        var writes: [AvnResult] = []
    }

    /// Failures a reader may meet while a writer has the profile renamed away,
    /// logged out, or half logged in.
    static let expectedReadFailures = [
        "no profile named", "not authenticated", "has no token in the keyring store",
    ]

    static let dora = Seed.Account(
        email: "dora@example.com", password: "dora-pass-789", realName: "Dora", projects: [])

    @Test func readersAlwaysGetTheirOwnAccountWhileWritersChurn() throws {
        let world = try EndToEnd()
        _ = try world.fake.admin(
            .post, "/v1/user",
            body: .dictionary([
                "email": .string(Self.dora.email), "password": .string(Self.dora.password),
                "real_name": .string(Self.dora.realName),
            ]))
        world.extraPasswords.append(Self.dora.password)
        let accounts = [Seed.ada, Seed.grace, Seed.linus, Self.dora]
        for (index, account) in accounts.enumerated() {
            try world.login(account, "--profile", "p\(index)")
        }

        let runner = world.runner
        let deadline = Date().addingTimeInterval(Self.seconds)
        let tally = Locked(Tally())
        let group = DispatchGroup()
        for reader in 0..<Self.readers {
            Self.spawn(group) {
                let profile = reader % accounts.count
                while Date() < deadline {
                    let arguments = ["user", "token", "--profile", "p\(profile)"]
                    guard let result = try? runner.run(arguments) else { continue }
                    tally.update { $0.reads.append((profile, result)) }
                }
            }
        }
        for writer in 0..<Self.writers {
            Self.spawn(group) {
                var step = 0
                while Date() < deadline {
                    let results = Self.writerStep(
                        step, profile: writer, runner: runner,
                        account: accounts[writer])
                    tally.update { $0.writes += results }
                    step += 1
                }
            }
        }
        group.wait()

        let seen = tally.value
        for (_, result) in seen.reads { world.record(result, mayShowTokens: true) }
        for result in seen.writes { world.record(result) }
        try Self.check(seen, world: world, accounts: accounts)
    }

    private static func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.start()
    }

    /// One writer operation on its own profile `p<profile>`: switch, log in
    /// again, rename away and back, or log out and log in afresh.
    private static func writerStep(
        _ step: Int, profile: Int, runner: AvnRunner, account: Seed.Account
    ) -> [AvnResult] {
        let name = "p\(profile)"
        var input = account.password + "\n"
        if let otp = account.otp { input += otp + "\n" }
        let login = ["user", "login", account.email, "--profile", name]
        let commands: [([String], String?)]
        switch step % 4 {
        case 0: commands = [(["user", "switch", name], nil)]
        case 1: commands = [(login, input)]
        case 2:
            commands = [
                (["user", "rename", name, "\(name)-moving"], nil),
                (["user", "rename", "\(name)-moving", name], nil),
            ]
        default: commands = [(["user", "logout", "--profile", name], nil), (login, input)]
        }
        return commands.compactMap { arguments, stdin in
            try? runner.run(arguments, stdin: stdin, timeout: 60)
        }
    }

    private static func check(_ seen: Tally, world: EndToEnd, accounts: [Seed.Account]) throws {
        let owners = Dictionary(
            try world.fake.tokens().compactMap { record -> (String, String)? in
                guard let token = record["token"]?.stringValue,
                    let user = record["user"]?.stringValue
                else { return nil }
                return (token, user)
            }, uniquingKeysWith: { first, _ in first })
        var good = 0
        var expectedFailures: [String: Int] = [:]
        var unexpected: [AvnResult] = []
        var wrongAccount = 0
        for (profile, result) in seen.reads {
            if result.status == 0 {
                let token = result.stdout.trimmingCharacters(in: .newlines)
                if owners[token] == accounts[profile].email && result.stdout == token + "\n" {
                    good += 1
                } else {
                    wrongAccount += 1
                    Issue.record("p\(profile) got a token of \(owners[token] ?? "nobody")")
                }
            } else if let kind = expectedReadFailures.first(where: result.stderr.contains),
                result.stderrLines.count == 1, !result.timedOut
            {
                expectedFailures[kind, default: 0] += 1
            } else {
                unexpected.append(result)
            }
        }
        let failedWrites = seen.writes.filter { $0.status != 0 }
        let locked = (seen.reads.map(\.result) + seen.writes).filter {
            $0.allOutput.localizedCaseInsensitiveContains("database is locked")
                || $0.allOutput.localizedCaseInsensitiveContains("busy")
        }
        print(
            """
            concurrency: \(readers) readers, \(writers) writers, \(Int(seconds)) s: \
            \(seen.reads.count) reads (\(good) good, expected failures \(expectedFailures), \
            \(unexpected.count) unexpected, \(wrongAccount) wrong account); \
            \(seen.writes.count) writes (\(failedWrites.count) failed); \
            \(locked.count) runs mentioning a locked or busy database
            """)
        #expect(good > 0)
        #expect(seen.writes.count >= writers)
        #expect(wrongAccount == 0)
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3).map(\.description))")
        #expect(failedWrites.isEmpty, "\(failedWrites.prefix(3).map(\.description))")
        #expect(locked.isEmpty, "\(locked.prefix(3).map(\.description))")
    }
}
