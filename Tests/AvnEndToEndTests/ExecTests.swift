import AvnAPI
import AvnTestSupport
import AvnVault
import Foundation
import Glibc
import Testing

@Suite("avn user exec")
struct ExecTests {
    static func loggedIn() throws -> EndToEnd {
        let world = try EndToEnd()
        try world.login(Seed.ada, "--profile", "work")
        return world
    }

    @Test(arguments: [0, 7, 255])
    func exitStatusPassesThrough(code: Int) throws {
        let world = try Self.loggedIn()
        let result = try world.avn("user", "exec", "--", "sh", "-c", "exit \(code)")
        #expect(!result.signaled)
        #expect(result.status == Int32(code), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    /// Starts avn with no blocked signals, as a login shell would: a child of
    /// the test runner inherits a mask that blocks SIGTERM and SIGUSR1.
    static let unblocked = [
        "-MPOSIX", "-e", "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die",
    ]

    @Test(arguments: [SIGKILL, SIGUSR1, SIGTERM, SIGINT])
    func signalPassesThrough(signal: Int32) throws {
        let world = try Self.loggedIn()
        let result = try world.run(
            in: world.folder.path, program: "/usr/bin/perl",
            Self.unblocked + [
                world.runner.executable, "user", "exec", "--", "sh", "-c",
                "trap - \(signal); kill -\(signal) $$; exit 3",
            ])
        #expect(result.signaled, "\(result)")
        #expect(result.status == signal, "\(result)")
    }

    /// avn ignores SIGPIPE for itself; the command must start with the default
    /// action again, or `avn user exec -- sh -c 'yes | head -n 1'` breaks.
    @Test func commandGetsTheDefaultSigpipeAction() throws {
        let world = try Self.loggedIn()
        let output = world.folder.file("sigign")
        let result = try world.run(
            in: world.folder.path, program: "/usr/bin/perl",
            ["-e", "$SIG{PIPE} = 'DEFAULT'; exec @ARGV or die"] + [
                world.runner.executable, "user", "exec", "--", "sh", "-c",
                "grep '^SigIgn' /proc/self/status > \(output); yes | head -n 1",
            ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "y\n")
        #expect(!result.stderr.contains("Broken pipe"), "\(result)")
        let line = try String(contentsOfFile: output, encoding: .utf8)
        let mask = UInt64(
            line.split(separator: "\t").last?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "", radix: 16)
        let pipeBit = UInt64(1) << (UInt64(SIGPIPE) - 1)
        #expect(mask.map { $0 & pipeBit } == 0, "SIGPIPE is ignored in the command: \(line)")
    }

    @Test func environmentCarriesTheTokenAndTheProfile() throws {
        let world = try Self.loggedIn()
        let output = world.folder.file("child-env")
        let script =
            "printf '%s\\n' \"$AIVEN_AUTH_TOKEN\" \"$AIVEN_TOKEN\" \"$AIVEN_WEB_URL\" "
            + "\"$AVN_PROFILE_IN_USE\" > \(output)"
        let result = try world.avn("user", "exec", "--", "sh", "-c", script)
        result.expectQuietSuccess()
        let lines = try String(contentsOfFile: output, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let token = try world.token(ofProfile: "work")
        #expect(lines == [token, token, world.fake.url, "work"])
    }

    @Test func selectionRulesApplyToExec() throws {
        let world = try Self.loggedIn()
        try world.login(Seed.linus, "--profile", "home", "--tenant", "gcp")
        let project = try world.makeFolder("project")
        try world.writeProfileFile("work\n", in: project)
        let output = world.folder.file("child-env")
        let script = "printf '%s\\n' \"$AIVEN_TOKEN\" \"$AVN_PROFILE_IN_USE\" > \(output)"
        try world.run(in: project, ["user", "exec", "--", "sh", "-c", script])
            .expectQuietSuccess()
        let lines = try String(contentsOfFile: output, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(try world.owner(of: lines.first ?? "") == Seed.ada.email)
        #expect(lines.last == "work")
    }

    @Test func explicitTokenIsPassedOnWithoutAProfile() throws {
        let world = try EndToEnd()
        let output = world.folder.file("child-env")
        let script = "printf '%s\\n' \"$AIVEN_TOKEN\" \"$AVN_PROFILE_IN_USE\" > \(output)"
        let result = try world.avn(
            "user", "exec", "--", "sh", "-c", script,
            environment: ["AIVEN_AUTH_TOKEN": "explicit-token-9"])
        result.expectQuietSuccess()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text == "explicit-token-9\nAIVEN_AUTH_TOKEN\n")
        #expect(!world.vault.exists)
    }

    @Test func tokenIsNotOnTheCommandLine() throws {
        let world = try Self.loggedIn()
        let output = world.folder.file("child-cmdline")
        let result = try world.avn(
            "user", "exec", "--", "sh", "-c",
            "tr '\\0' ' ' < /proc/self/cmdline > \(output); "
                + "tr '\\0' ' ' < /proc/$$/cmdline >> \(output)")
        result.expectQuietSuccess()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let token = try world.token(ofProfile: "work")
        #expect(text.contains("sh -c"), "\(text)")
        #expect(!text.contains(token))
        #expect(!text.contains(String(token.prefix(12))))
    }

    @Test func nestingIsRefusedWithoutNest() throws {
        let world = try Self.loggedIn()
        let avn = world.runner.executable
        let refused = try world.avn("user", "exec", "--", avn, "user", "exec", "--", "true")
        refused.expectFailure(
            containing: "already inside 'avn user exec' for profile 'work'", "--nest")

        let marker = world.folder.file("inner-ran")
        let allowed = try world.avn(
            "user", "exec", "--", avn, "user", "exec", "--nest", "--", "touch", marker)
        allowed.expectQuietSuccess()
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func missingCommandExits127() throws {
        let world = try Self.loggedIn()
        let result = try world.avn("user", "exec", "--", "no-such-command-for-avn-tests")
        #expect(result.status == 127, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("no-such-command-for-avn-tests"))
    }

    @Test func notExecutableExits126() throws {
        let world = try Self.loggedIn()
        let path = try world.folder.write("#!/bin/sh\n", to: "not-executable")
        let result = try world.avn("user", "exec", "--", path)
        #expect(result.status == 126, "\(result)")
    }

    @Test func unusableProfileRunsNothing() throws {
        let world = try Self.loggedIn()
        try world.avn("user", "tokens-expire").expectQuietSuccess()
        let marker = world.folder.file("should-not-exist")
        let result = try world.avn("user", "exec", "--", "touch", marker)
        result.expectFailure(containing: "expired")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
