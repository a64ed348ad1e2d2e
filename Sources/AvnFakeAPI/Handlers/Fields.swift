/// Reading typed fields out of a request body.
enum Fields {
    static func requiredString(_ body: FakeJSON, _ key: String) throws(APIFailure) -> String {
        guard let value = body[key]?.stringValue else { throw .missingField(key) }
        return value
    }

    /// A string field, or nil when it is absent, null, empty or not a string.
    static func nonEmptyString(_ body: FakeJSON, _ key: String) -> String? {
        guard let value = body[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }
}
