extension Fault {
    /// Reads a fault from the admin API body, rejecting fields of the wrong type.
    init(json body: FakeJSON) throws(APIFailure) {
        guard let path = body["path"]?.stringValue, path.hasPrefix("/") else {
            throw .missingField("path")
        }
        self.path = path
        method = try Self.optional(body, "method") { $0.stringValue }
        status = try Self.optional(body, "status") { $0.intValue }
        if let status, !(100...599).contains(status) { throw .missingField("status") }
        self.body = try Self.optional(body, "body") { $0.stringValue }
        contentType = try Self.optional(body, "content_type") { $0.stringValue }
        latencyMilliseconds = try Self.optional(body, "latency_ms") { $0.intValue } ?? 0
        close = try Self.optional(body, "close") { $0.boolValue } ?? false
        truncate = try Self.optional(body, "truncate") { $0.boolValue } ?? false
        endless = try Self.optional(body, "endless") { $0.boolValue } ?? false
        remaining = try Self.optional(body, "times") { $0.intValue }
        if let remaining, remaining < 1 { throw .missingField("times") }
    }

    private static func optional<T>(
        _ body: FakeJSON, _ key: String, _ read: (FakeJSON) -> T?
    ) throws(APIFailure) -> T? {
        guard let value = body[key], !value.isNull else { return nil }
        guard let typed = read(value) else { throw .missingField(key) }
        return typed
    }

    var json: FakeJSON {
        .object([
            ("method", .optional(method)), ("path", .string(path)),
            ("status", .optional(status)), ("body", .optional(body)),
            ("content_type", .optional(contentType)),
            ("latency_ms", .int(latencyMilliseconds)), ("close", .bool(close)),
            ("truncate", .bool(truncate)), ("endless", .bool(endless)),
            ("times", .optional(remaining)),
        ])
    }
}
