#if canImport(Glibc)
    import Glibc
#endif

/// The accounts the stand-in starts with.
///
/// File format (JSON); only `email` and `password` are required per user:
///
///     {"users": [{"email": "john.doe@example.com", "password": "s3cret-pass",
///                 "real_name": "John Doe", "otp": "123456",
///                 "projects": ["dev-sandbox", "prod-environment"], "tenant": "aiven"}]}
///
/// `otp` turns two-factor authentication on and is the one valid code; `real_name`
/// defaults to the part of the email before `@`, `projects` to none, `tenant` to `aiven`.
public struct Seed: Sendable, Equatable {
    public var users: [SeedUser]

    public init(users: [SeedUser] = []) {
        self.users = users
    }

    /// Reads a seed from JSON text in the format above.
    public init(json: String) throws(FakeAPIError) {
        self = try SeedDecoder.decode(Array(json.utf8))
    }

    /// Reads a seed file in the format above.
    public init(contentsOfFile path: String) throws(FakeAPIError) {
        guard let file = fopen(path, "rb") else {
            throw .seedUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        do {
            self = try SeedDecoder.decode(bytes)
        } catch {
            throw .seedInvalid(path: path, reason: error.reason)
        }
    }
}
