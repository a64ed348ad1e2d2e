import Glibc

/// The fuzz input as bytes.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run with a message, so libFuzzer keeps the input that broke a rule.
func fuzzFailure(_ message: String) -> Never {
    let line = Array("fuzz check failed: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    abort()
}

/// A rejected input must be explained: a non-empty `description` on one line.
func checkRejection(_ error: any Error, by what: String) {
    let text = String(describing: error)
    if text.isEmpty {
        fuzzFailure("\(what) threw \(type(of: error)) with an empty description")
    }
    if text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
        fuzzFailure("\(what) threw a description of several lines: \(text.debugDescription)")
    }
}

/// Whether `needle` appears in `text` byte for byte, whatever characters surround it.
func containsBytes(_ text: String, _ needle: String) -> Bool {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, haystack.count >= pattern.count else { return false }
    for start in 0...(haystack.count - pattern.count)
    where haystack[start..<start + pattern.count].elementsEqual(pattern) {
        return true
    }
    return false
}
