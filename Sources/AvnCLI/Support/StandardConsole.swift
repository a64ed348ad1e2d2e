import Glibc

/// The process's real standard streams and controlling terminal.
public final class StandardConsole: Console {
    public init() {}

    public func write(_ text: String) {
        Self.writeAll(text, to: STDOUT_FILENO)
    }

    public func writeError(_ text: String) {
        Self.writeAll(text, to: STDERR_FILENO)
    }

    public var inputIsTerminal: Bool {
        isatty(STDIN_FILENO) == 1
    }

    public var hasTerminal: Bool {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    public func readInputLine() -> String? {
        Self.readLine(from: STDIN_FILENO)
    }

    public func prompt(_ prompt: String) -> String? {
        withTerminal { descriptor in
            Self.writeAll(prompt, to: descriptor)
            return Self.readLine(from: descriptor)
        }
    }

    /// Reads with echo off, as `getpass` does, restoring the terminal after.
    public func promptSecret(_ prompt: String) -> String? {
        withTerminal { descriptor in
            Self.writeAll(prompt, to: descriptor)
            var saved = termios()
            let canHideEcho = tcgetattr(descriptor, &saved) == 0
            if canHideEcho {
                var quiet = saved
                quiet.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(descriptor, TCSAFLUSH, &quiet)
            }
            defer {
                if canHideEcho {
                    tcsetattr(descriptor, TCSAFLUSH, &saved)
                    Self.writeAll("\n", to: descriptor)
                }
            }
            return Self.readLine(from: descriptor)
        }
    }

    private func withTerminal(_ body: (Int32) -> String?) -> String? {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return body(descriptor)
    }

    /// Reads byte by byte up to a newline, so nothing after the line is consumed.
    static func readLine(from descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return bytes.isEmpty ? nil : decode(bytes) }
            if byte == UInt8(ascii: "\n") { return decode(bytes) }
            bytes.append(byte)
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        var line = bytes
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        defer { for index in line.indices { line[index] = 0 } }
        return String(decoding: line, as: UTF8.self)
    }

    static func writeAll(_ text: String, to descriptor: Int32) {
        var remaining = Array(text.utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress, $0.count)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            remaining = remaining.dropFirst(written)
        }
    }
}
