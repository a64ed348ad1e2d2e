import AvnAPI
import AvnTestSupport
import Foundation
import Testing

@testable import AvnCLI

/// One man page of `man/`, read as text with roff's `\-` turned into `-`.
struct ManPage: Sendable {
    let name: String
    let lines: [String]

    static let names = ["avn.1", "avn-user.1", "git-credential-avn.1", "avn-fake-api.1"]

    static var folder: URL {
        // Tests/AvnCLITests/ManPageTests.swift -> the repository root.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("man")
    }

    static func path(of name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    static func load(_ name: String) throws -> ManPage {
        let text = try String(contentsOfFile: path(of: name), encoding: .utf8)
        let plain = text.replacingOccurrences(of: "\\-", with: "-")
        return ManPage(name: name, lines: plain.components(separatedBy: "\n"))
    }

    /// The page documenting a command: `avn user ...` in avn-user(1), the rest in avn(1).
    static func documenting(_ command: CommandSpec) -> String {
        command.path.first == "user" ? "avn-user.1" : "avn.1"
    }

    /// The lines from the heading line `heading` up to the next `.SS` or `.SH`.
    func section(_ heading: String) -> [String]? {
        guard let start = lines.firstIndex(of: heading) else { return nil }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix(".SS") || $0.hasPrefix(".SH") } ?? lines.endIndex
        return Array(lines[start..<end])
    }

    /// The lines of a `.SH` section, its subsections included.
    func chapter(_ title: String) -> [String]? {
        guard let start = lines.firstIndex(of: ".SH \(title)") else { return nil }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix(".SH") } ?? lines.endIndex
        return Array(lines[start..<end])
    }

    /// The command titles of the `.SS "avn ..."` subsections.
    var commandSubsections: [String] {
        lines.compactMap { line in
            guard line.hasPrefix(".SS \"avn "), line.hasSuffix("\"") else { return nil }
            return String(line.dropFirst(".SS \"".count).dropLast())
        }
    }
}

/// Whether `word` occurs in `lines` as a whole option, not as the start of a longer one.
private func mentions(_ lines: [String], option word: String) -> Bool {
    let text = lines.joined(separator: "\n")
    var searchStart = text.startIndex
    while let found = text.range(of: word, range: searchStart..<text.endIndex) {
        let next = found.upperBound < text.endIndex ? text[found.upperBound] : " "
        if !(next.isLetter || next.isNumber || next == "-") { return true }
        searchStart = found.upperBound
    }
    return false
}

private func mandocPath() -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map(String.init)
    return folders.map { "\($0)/mandoc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite("Man pages")
struct ManPageTests {
    @Test(arguments: ManPage.names)
    func pageIsCleanUnderMandocLint(name: String) throws {
        let mandoc = try #require(
            mandocPath(), "mandoc is needed to check the man pages; install the mandoc package")
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: mandoc)
        process.arguments = ["-T", "lint", "-W", "warning", ManPage.path(of: name)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let messages = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(messages == "")
        #expect(process.terminationStatus == 0)
    }

    @Test(arguments: ManPage.names)
    func pageHasNameSynopsisAndDescription(name: String) throws {
        let page = try ManPage.load(name)
        for title in ["NAME", "SYNOPSIS", "DESCRIPTION"] {
            let present = page.lines.contains(".SH \(title)")
            #expect(present, "\(name) lacks .SH \(title)")
        }
        guard let nameLine = page.chapter("NAME")?.dropFirst().first else {
            Issue.record("\(name) has no line after .SH NAME")
            return
        }
        let expected = name.dropLast(2) + " - "
        let named = nameLine.hasPrefix(expected)
        #expect(named, "\(name): the NAME line does not start with '\(expected)'")
    }

    @Test(arguments: CommandTable.avn.commands.map(\.path))
    func everyCommandHasASubsectionNamingItsOptionsAndArguments(path: [String]) throws {
        let command = try #require(CommandTable.avn.command(path))
        let pageName = ManPage.documenting(command)
        let page = try ManPage.load(pageName)
        // Only booleans reach #expect, so a failure prints one line, not the page.
        guard let section = page.section(".SS \"\(command.displayName)\"") else {
            Issue.record("\(pageName) has no .SS \"\(command.displayName)\"")
            return
        }

        for option in command.options {
            let described = mentions(section, option: "--\(option.name)")
            #expect(
                described,
                "\(pageName): '\(command.displayName)' does not describe --\(option.name)")
        }
        for argument in command.arguments {
            let named = section.contains { $0.contains(argument.name) }
            #expect(named, "\(pageName): '\(command.displayName)' does not name \(argument.name)")
        }
        let hasExample = section.contains(".EX")
        #expect(hasExample, "\(pageName): '\(command.displayName)' has no example")
    }

    @Test func everyCommandSubsectionNamesACommandOfTheTable() throws {
        let known = Set(CommandTable.avn.commands.map(\.displayName))
        for name in ["avn.1", "avn-user.1"] {
            for title in try ManPage.load(name).commandSubsections {
                let isCommand = known.contains(title)
                #expect(isCommand, "\(name) documents '\(title)', not a command")
            }
        }
    }

    @Test(arguments: CommandTable.avn.globalOptions.map(\.name) + ["help", "version"])
    func everyGlobalOptionIsDescribedInAvn1(option: String) throws {
        guard let chapter = try ManPage.load("avn.1").chapter("GLOBAL OPTIONS") else {
            Issue.record("avn.1 has no .SH GLOBAL OPTIONS")
            return
        }
        let described = mentions(chapter, option: "--\(option)")
        #expect(described, "avn.1 GLOBAL OPTIONS does not describe --\(option)")
    }

    @Test(arguments: CommandTable.avn.globalOptions.map(\.name))
    func avnUserPageNamesEveryGlobalOption(option: String) throws {
        let named = mentions(try ManPage.load("avn-user.1").lines, option: "--\(option)")
        #expect(named, "avn-user.1 does not name the global option --\(option)")
    }

    @Test func everyEnvironmentVariableTheSourcesReadIsInAvn1() throws {
        guard let chapter = try ManPage.load("avn.1").chapter("ENVIRONMENT") else {
            Issue.record("avn.1 has no .SH ENVIRONMENT")
            return
        }
        let variables = try EnvironmentVariables.read()
        let count = variables.count
        #expect(count >= 10, "found only \(variables.sorted())")
        for variable in variables.sorted() {
            let listed = chapter.contains(".B \(variable)")
            #expect(listed, "avn.1 ENVIRONMENT has no entry '.B \(variable)'")
        }
    }

    @Test(arguments: ProxySettings.proxyVariables + ProxySettings.exclusionVariables)
    func everyProxyVariableIsInAvn1(variable: String) throws {
        let chapter = try #require(try ManPage.load("avn.1").chapter("ENVIRONMENT"))
        let named = chapter.contains { line in
            line.hasPrefix(".BR ")
                && line.split(whereSeparator: { " \",".contains($0) }).contains { $0 == variable }
        }
        #expect(named, "avn.1 ENVIRONMENT has no .BR entry naming \(variable)")
    }
}

/// The environment variables avn's sources read by name.
enum EnvironmentVariables {
    static let folders = ["Sources/avn", "Sources/AvnCLI", "Sources/AvnVault"]
    static let patterns = [
        #"environment\["([A-Z_]+)"\]"#, #"orEnvironment: "([A-Z_]+)""#,
        #"variable: "([A-Z_]+)""#,
    ]

    static func read() throws -> Set<String> {
        let root = ManPage.folder.deletingLastPathComponent()
        var found: Set<String> = []
        let expressions = try patterns.map { try NSRegularExpression(pattern: $0) }
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            let files =
                FileManager.default.enumerator(atPath: base.path)?
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                let text = try String(
                    contentsOfFile: base.appendingPathComponent(file).path, encoding: .utf8)
                let range = NSRange(text.startIndex..., in: text)
                for expression in expressions {
                    for match in expression.matches(in: text, range: range) {
                        if let name = Range(match.range(at: 1), in: text) {
                            found.insert(String(text[name]))
                        }
                    }
                }
            }
        }
        return found
    }
}
