/// One endpoint: a method, a path pattern and the handler that answers it.
struct Route: Sendable {
    typealias Handler = @Sendable (RequestContext) throws(APIFailure) -> FakeJSON

    let method: String
    /// Path segments; `{}` matches any one segment.
    let pattern: [String]
    let handler: Handler

    init(_ method: String, _ path: String, _ handler: @escaping Handler) {
        self.method = method
        self.pattern = path.split(separator: "/").map(String.init)
        self.handler = handler
    }

    /// The wildcard values when the segments fit the pattern, else nil.
    func parameters(for segments: [String]) -> [String]? {
        guard segments.count == pattern.count else { return nil }
        var values: [String] = []
        for (expected, actual) in zip(pattern, segments) {
            if expected == "{}" {
                values.append(actual)
            } else if expected != actual {
                return nil
            }
        }
        return values
    }
}
