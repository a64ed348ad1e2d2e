import Foundation
import Glibc

/// A program the tests start, through posix_spawn.
///
/// Offers the part of Foundation's `Process` the tests use. `Process.run()`
/// on Linux scans `/proc/self/fd` in a way that reads past the end of a
/// buffer and now and then crashes the whole test run; this starts children
/// with `posix_spawn` and lets the child close every inherited descriptor
/// above standard error itself.
public final class ChildProcess: @unchecked Sendable {
    public enum TerminationReason: Sendable {
        case exit
        case uncaughtSignal
    }

    public var executableURL: URL?
    public var arguments: [String]?
    /// The whole environment of the child; `nil` passes the test process's own.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    /// Each is a `Pipe`, a `FileHandle`, or `nil` for /dev/null.
    public var standardInput: Any? = FileHandle.standardInput
    public var standardOutput: Any? = FileHandle.standardOutput
    public var standardError: Any? = FileHandle.standardError

    public private(set) var processIdentifier: pid_t = 0
    private let lock = NSLock()
    /// The status waitpid(2) reported, once the child has ended.
    private var waitStatus: Int32?

    public init() {}

    public func run() throws {
        guard let path = executableURL?.path else {
            throw TestSupportError("no executable to run")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child's ends of pipes, closed here once the child has them.
        var childEnds: [FileHandle] = []
        let streams = [
            (standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO),
            (standardError, STDERR_FILENO),
        ]
        for (stream, target) in streams {
            let isInput = target == STDIN_FILENO
            switch stream {
            case let pipe as Pipe:
                let end = isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, end.fileDescriptor, target)
                childEnds.append(end)
            case let handle as FileHandle:
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            default:
                posix_spawn_file_actions_addopen(
                    &actions, target, "/dev/null", isInput ? O_RDONLY : O_WRONLY, 0)
            }
        }
        // Descriptors of other tests (their pipes above all) stay out of this child.
        guard let closeFrom = GNUSpawnActions.closeFrom, let changeFolder = GNUSpawnActions.chdir
        else {
            throw TestSupportError("this C library lacks posix_spawn_file_actions_addclosefrom_np")
        }
        _ = closeFrom(&actions, STDERR_FILENO + 1)
        if let folder = currentDirectoryURL?.path {
            _ = changeFolder(&actions, folder)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        let flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let variables = (environment ?? ProcessInfo.processInfo.environment)
            .map { "\($0.key)=\($0.value)" }
        let argv = ([path] + (arguments ?? [])).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let started = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard started == 0 else {
            throw TestSupportError("cannot start \(path): \(String(cString: strerror(started)))")
        }
        processIdentifier = pid
        for end in childEnds { try? end.close() }
    }

    public var isRunning: Bool { reap(blocking: false) == nil }

    public func waitUntilExit() {
        _ = reap(blocking: true)
    }

    public func terminate() {
        kill(processIdentifier, SIGTERM)
    }

    /// The exit code, or the number of the signal that ended the child.
    public var terminationStatus: Int32 {
        guard let status = reap(blocking: false) else {
            preconditionFailure("the child is still running")
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }

    public var terminationReason: TerminationReason {
        guard let status = reap(blocking: false) else {
            preconditionFailure("the child is still running")
        }
        return status & 0x7f == 0 ? .exit : .uncaughtSignal
    }

    /// The child's wait status once it has ended; `nil` while it runs.
    private func reap(blocking: Bool) -> Int32? {
        if let known = lock.withLock({ waitStatus }) { return known }
        var status: Int32 = 0
        while true {
            let result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
            if result == processIdentifier {
                lock.withLock { waitStatus = status }
                return status
            }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            // Another thread reaped it and is about to record the status.
            if let known = lock.withLock({ waitStatus }) { return known }
            guard blocking else { return nil }
            usleep(1_000)
        }
    }
}

/// glibc's posix_spawn extensions (2.29 and 2.34), which its headers show to
/// C only with _GNU_SOURCE; looked up by name instead.
private enum GNUSpawnActions {
    typealias CloseFrom =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32
    typealias ChangeFolder =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    static let closeFrom = function("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
    static let chdir = function("posix_spawn_file_actions_addchdir_np", as: ChangeFolder.self)

    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        // A null handle is RTLD_DEFAULT: every library loaded.
        guard let symbol = dlsym(nil, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }
}
