// The `avn` command. Other programs call `avn user token` on every run, so
// this executable answers it directly: it links only the vault (SQLite and
// libsecret) and the Swift runtime, statically, and starts in a few
// milliseconds. Every other command, and any `user token` line it does not
// fully understand, is handed to `avn-cli` with the same arguments.

import AvnVault
import FoundationEssentials
import Glibc

// Tokens pass through this process: no core file, no reading of its memory.
ProcessHardening.makeNonDumpable()
FaultPoint.processStarted.reach()
umask(0o077)
signal(SIGPIPE, SIG_IGN)

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

if let request = FastTokenRequest(arguments) {
    exit(request.run(environment: environment))
}
handOver(arguments)
