import AvnAPI
import AvnCLI
import AvnVault
import FoundationEssentials
import Glibc

// Tokens and passwords pass through this process: no core file, no reading of its memory.
ProcessHardening.makeNonDumpable()
FaultPoint.processStarted.reach()
// Files avn writes hold credentials or their metadata: private from the start.
umask(0o077)
// A closed pipe on stdout ends the write quietly instead of killing avn mid-change.
signal(SIGPIPE, SIG_IGN)

let environment = ProcessInfo.processInfo.environment

let dependencies = Dependencies(
    makeTransport: { timeout, caFile in
        try SocketTransport(
            timeoutSeconds: timeout ?? SocketTransport.defaultTimeoutSeconds, caFile: caFile,
            proxies: ProxySettings(environment: environment))
    },
    makeSecretStore: { kind, vaultPath, vaultID, environment in
        kind.makeStore(vaultPath: vaultPath, vaultID: vaultID, environment: environment)
    })

let status = CommandRunner.run(
    Array(CommandLine.arguments.dropFirst()), environment: environment,
    console: StandardConsole(), dependencies: dependencies,
    workingDirectory: FileManager.default.currentDirectoryPath)
exit(status)
