import FoundationEssentials
import Glibc

/// Replaces this process with `avn-cli`, found beside this executable (a
/// build folder) or in `../libexec/avn/` (an installed package).
func handOver(_ arguments: [String]) -> Never {
    let folder = executableFolder()
    let candidates = ["\(folder)/avn-cli", "\(folder)/../libexec/avn/avn-cli"]
    guard let cli = candidates.first(where: { access($0, X_OK) == 0 }) else {
        _ = write(
            "ERROR\tcommand failed: cannot find avn-cli beside \(folder)/avn; reinstall avn\n",
            to: STDERR_FILENO)
        exit(1)
    }
    var argv = (["avn"] + arguments).map { strdup($0) }
    argv.append(nil)
    execv(cli, argv)
    let reason = String(cString: strerror(errno))
    _ = write("ERROR\tcommand failed: cannot run \(cli): \(reason)\n", to: STDERR_FILENO)
    exit(1)
}

/// The folder of the running executable, from `/proc/self/exe`.
private func executableFolder() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
    guard length > 0 else { return "." }
    let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
}
