/// Makes full tokens: 372 characters of the base64 alphabet, so `/`, `+` and `=` occur.
struct TokenGenerator {
    static let length = 372
    static let prefixLength = 12
    static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")

    /// Starts of the next tokens, set by tests that need awkward characters in a prefix.
    private var queuedStarts: [String] = []

    /// Whether `text` could start a token: base64 characters, not longer than a token.
    static func isValidStart(_ text: String) -> Bool {
        text.count <= length && text.allSatisfy { alphabet.contains($0) }
    }

    mutating func queue(starts: [String]) {
        queuedStarts += starts
    }

    mutating func next() -> String {
        let start = queuedStarts.isEmpty ? "" : queuedStarts.removeFirst()
        var generator = SystemRandomNumberGenerator()
        let rest = (start.count..<Self.length).map { _ in
            Self.alphabet[Int(generator.next(upperBound: UInt(Self.alphabet.count)))]
        }
        return start + String(rest)
    }
}
