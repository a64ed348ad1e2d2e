import AvnFakeAPI
import Testing

@Suite("Seed format")
struct SeedTests {
    @Test func readsEveryFieldAndFillsDefaults() throws {
        let seed = try Seed(
            json: """
                {"users": [
                  {"email": "a@example.com", "password": "pw-123456", "real_name": "A",
                   "otp": "123456", "projects": ["p1", "p2"], "tenant": "aws"},
                  {"email": "b@example.com", "password": "pw-123456"}
                ]}
                """)
        #expect(
            seed.users == [
                SeedUser(
                    email: "a@example.com", password: "pw-123456", realName: "A", otp: "123456",
                    projects: ["p1", "p2"], tenant: "aws"),
                SeedUser(email: "b@example.com", password: "pw-123456", realName: "b"),
            ])
    }

    @Test(
        "rejects malformed seeds",
        arguments: [
            "[]", "{\"users\": 3}", "{\"users\": [{\"password\": \"x\"}]}",
            "{\"users\": [{\"email\": \"a@x\"}]}",
            "{\"users\": [{\"email\": \"a@x\", \"password\": \"p\", \"projects\": [1]}]}",
            #"{"users": [{"email": "a@x", "password": "p"}, "#
                + #"{"email": "A@x", "password": "q"}]}"#,
            "{\"users\": [",
        ])
    func rejectsMalformedSeeds(text: String) {
        #expect(throws: FakeAPIError.self) { try Seed(json: text) }
    }

    @Test func reportsAMissingSeedFileWithItsPath() {
        #expect {
            try Seed(contentsOfFile: "/nonexistent/seed.json")
        } throws: { error in
            "\(error)".contains("/nonexistent/seed.json")
        }
    }

    @Test func refusesTwoSeedUsersWithTheSameEmail() {
        let user = SeedUser(email: "a@example.com", password: "pw-123456", realName: "A")
        #expect(throws: FakeAPIError.self) { try FakeAPIServer(seed: Seed(users: [user, user])) }
    }
}
