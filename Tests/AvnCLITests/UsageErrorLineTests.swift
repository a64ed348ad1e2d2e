import Testing

@testable import AvnCLI

/// Command-line words are quoted in usage errors; a word holding a line break must not
/// split the message over several lines.
@Suite("Usage errors stay on one line")
struct UsageErrorLineTests {
    @Test(arguments: [
        ["user", "log\rin"],
        ["user", "lo\ngin"],
        ["user", "login", "--to\nken"],
        ["user", "switch", "work", "extra\r\nword"],
    ])
    func aWordWithALineBreakGivesAOneLineError(_ words: [String]) {
        do throws(UsageError) {
            _ = try CommandLineParser(table: .avn).parse(words)
            Issue.record("\(words) was accepted")
        } catch {
            let text = error.description
            let lineBreaks = text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }
            #expect(lineBreaks.isEmpty, "\(text.debugDescription)")
            #expect(text.contains("\\n") || text.contains("\\r"), "the word stays readable")
        }
    }
}
