/// Turns seed JSON into a `Seed`, checking every field's type.
enum SeedDecoder {
    static func decode(_ bytes: [UInt8]) throws(FakeAPIError) -> Seed {
        let document: FakeJSON
        do {
            document = try FakeJSONParser.parse(bytes)
        } catch {
            let reason = "it is not valid JSON (near byte \(error.offset))"
            throw .seedInvalid(path: nil, reason: reason)
        }
        guard document.isObject else { throw invalid("the top level must be an object") }
        guard let items = (document["users"] ?? .array([])).arrayValue else {
            throw invalid("\"users\" must be an array")
        }
        var users: [SeedUser] = []
        for (position, item) in items.enumerated() {
            let user = try decodeUser(item, position: position)
            if users.contains(where: { $0.email.lowercased() == user.email.lowercased() }) {
                throw invalid("user \(position) repeats the email of an earlier user")
            }
            users.append(user)
        }
        return Seed(users: users)
    }

    private static func decodeUser(_ item: FakeJSON, position: Int) throws(FakeAPIError)
        -> SeedUser
    {
        guard item.isObject else { throw invalid("user \(position) must be an object") }
        guard let email = item["email"]?.stringValue, email.contains("@") else {
            throw invalid("user \(position) needs an \"email\" string with an @")
        }
        guard let password = item["password"]?.stringValue else {
            throw invalid("user \(position) needs a \"password\" string")
        }
        let realName = try optionalString(item, "real_name", position)
        let otp = try optionalString(item, "otp", position)
        let tenant = try optionalString(item, "tenant", position)
        let projectItems = item["projects"] ?? .array([])
        guard let projects = projectItems.arrayValue?.compactMap(\.stringValue),
            projects.count == projectItems.arrayValue?.count
        else { throw invalid("user \(position): \"projects\" must be an array of strings") }
        return SeedUser(
            email: email, password: password,
            realName: realName ?? String(email.prefix { $0 != "@" }),
            otp: otp, projects: projects, tenant: tenant)
    }

    private static func optionalString(_ item: FakeJSON, _ key: String, _ position: Int)
        throws(FakeAPIError) -> String?
    {
        guard let value = item[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw invalid("user \(position): \"\(key)\" must be a string")
        }
        return text
    }

    private static func invalid(_ reason: String) -> FakeAPIError {
        .seedInvalid(path: nil, reason: reason)
    }
}
