import AvnFakeAPI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes one line to stderr and exits with the given status.
func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("avn-fake-api: \(message)\n".utf8))
    exit(status)
}

let options: FakeAPIOptions
do {
    options = try FakeAPIOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error.description, status: 2)
}

if options.showHelp {
    print(FakeAPIOptions.usage)
    exit(0)
}

let seed: Seed
do {
    seed =
        try options.seedPath.map { path throws(FakeAPIError) in
            try Seed(contentsOfFile: path)
        } ?? Seed()
} catch {
    fail(error.description, status: 2)
}

// A parent may have blocked signals and the child inherits that mask; unblock them so
// that a plain SIGTERM or Ctrl-C stops the server.
var noSignals = sigset_t()
sigemptyset(&noSignals)
sigprocmask(SIG_SETMASK, &noSignals, nil)
signal(SIGPIPE, SIG_IGN)
let server: FakeAPIServer
do {
    server = try FakeAPIServer(
        seed: seed, port: options.port, latencyMilliseconds: options.latencyMilliseconds)
    try server.start()
} catch {
    fail(error.description, status: 1)
}

print(server.baseURL)
fflush(nil)
while true {
    sleep(3600)
}
