/// A JSON document as the Aiven API sends it.
///
/// Integers and floats stay apart (`3600` is not `3600.0`) and objects keep the
/// order the server used, because the official client's output depends on both.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer literal, kept as its digits so no value is ever rounded.
    case integer(String)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

// MARK: - Building

extension JSONValue {
    /// An integer value.
    public static func int(_ value: Int) -> JSONValue {
        .integer(String(value))
    }

    /// An object from key-value pairs, in the given order.
    public static func dictionary(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { (key: $0.key, value: $0.value) })
    }
}

// MARK: - Reading

extension JSONValue {
    /// The value stored under `key` when this is an object; the first one if repeated.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The value as a whole number, when it is an integer or a float with no fraction.
    public var intValue: Int? {
        switch self {
        case .integer(let digits): Int(digits)
        case .double(let value): Int(exactly: value)
        default: nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
