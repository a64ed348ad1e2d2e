/// A JSON document as the stand-in reads and writes it; objects keep their member order.
enum FakeJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([FakeJSON])
    case object([(String, FakeJSON)])

    /// A string, or `null` when there is none.
    static func optional(_ value: String?) -> FakeJSON {
        value.map(FakeJSON.string) ?? .null
    }

    /// An integer, or `null` when there is none.
    static func optional(_ value: Int?) -> FakeJSON {
        value.map(FakeJSON.int) ?? .null
    }

    subscript(key: String) -> FakeJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value as an integer; whole floats such as `600.0` count too.
    var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 1e15:
            return Int(value)
        default: return nil
        }
    }

    var arrayValue: [FakeJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
