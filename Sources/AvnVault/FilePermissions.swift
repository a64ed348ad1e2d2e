import Glibc

/// Keeps the vault's folder at 0700 and its files at 0600.
enum FilePermissions {
    static let privateFolder: mode_t = 0o700
    static let privateFile: mode_t = 0o600

    /// Creates `path` (and missing parents) as 0700 folders, or tightens an
    /// existing folder we own when `tighten` is set.
    static func ensureFolder(_ path: String, tighten: Bool) throws(VaultError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotOpen(path: path, detail: "it is not a folder")
            }
            if tighten {
                try restrict(path, info: info, to: privateFolder) { chmod(path, $0) }
            }
            return
        }
        guard errno == ENOENT else { throw .cannotOpen(path: path, detail: lastError()) }

        let parent = parentFolder(of: path)
        if parent != path { try ensureFolder(parent, tighten: false) }
        guard mkdir(path, privateFolder) == 0 || errno == EEXIST else {
            throw .cannotOpen(path: path, detail: "cannot create the folder: \(lastError())")
        }
        // mkdir applies the umask; be sure of the mode whatever it was.
        chmod(path, privateFolder)
    }

    /// Creates `path` as an empty 0600 file when missing, else tightens it.
    static func ensureFile(_ path: String) throws(VaultError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, privateFile)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, detail: lastError())
        }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .cannotOpen(path: path, detail: lastError())
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .cannotOpen(path: path, detail: "it is not a regular file")
        }
        // Through the descriptor: the name may have been swapped meanwhile.
        try restrict(path, info: info, to: privateFile) { fchmod(descriptor, $0) }
    }

    /// Tightens an existing companion file (`-wal`, `-shm`); missing is fine.
    static func tightenIfPresent(_ path: String) throws(VaultError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        try restrict(path, info: info, to: privateFile) { chmod(path, $0) }
    }

    /// Sets `mode` with `change` when others have any access; refuses what we
    /// do not own or cannot change.
    private static func restrict(
        _ path: String, info: stat, to mode: mode_t, with change: (mode_t) -> Int32
    ) throws(VaultError) {
        guard info.st_mode & 0o077 != 0 else { return }
        guard info.st_uid == geteuid(), change(mode) == 0 else {
            throw .insecurePermissions(
                path: path,
                detail: "other users can reach it (mode \(octal(info.st_mode))) and it cannot "
                    + "be changed; run 'chmod \(octal(mode)) \(path)' as its owner")
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func octal(_ mode: mode_t) -> String {
        String(mode & 0o777, radix: 8)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
