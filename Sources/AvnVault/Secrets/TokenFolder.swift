import FoundationEssentials
import Glibc

/// The token file's folder, open as a descriptor for locking and renaming.
struct TokenFolder {
    let path: String
    private let fd: Int32

    /// Opens the folder, creating it with mode 0700, and tightens a looser
    /// mode: the folder holds nothing but the token file and its temporaries.
    static func open(_ url: URL) throws(SecretStoreError) -> TokenFolder {
        let path = url.path
        try create(url)
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw problem("cannot open the folder \(path): \(errnoText)")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw problem("cannot inspect the folder \(path): \(errnoText)")
        }
        guard info.st_uid == geteuid() else {
            Glibc.close(fd)
            throw problem("the folder \(path) belongs to another user; choose another folder")
        }
        if info.st_mode & 0o077 != 0 && fchmod(fd, 0o700) != 0 {
            Glibc.close(fd)
            throw problem(
                "cannot make the folder \(path) private (mode 700): "
                    + errnoText)
        }
        return TokenFolder(path: path, fd: fd)
    }

    private static func create(_ url: URL) throws(SecretStoreError) {
        let parent = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw problem("cannot create the folder \(parent.path)")
        }
        if mkdir(url.path, 0o700) != 0 && errno != EEXIST {
            throw problem("cannot create the folder \(url.path): \(errnoText)")
        }
    }

    func close() {
        Glibc.close(fd)
    }

    /// Waits for other writers, in this process or others; released on close.
    func lock() throws(SecretStoreError) {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                throw problem("cannot lock the folder \(path): \(errnoText)")
            }
        }
    }

    /// Replaces `name` with `data` atomically; the new file is 0600 from its creation.
    /// Call it holding the lock: it also deletes temporaries a killed writer left.
    func replace(_ name: String, with data: Data) throws(SecretStoreError) {
        removeLeftovers(of: name)
        let temporary = ".\(name).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let file = openat(
            fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
            0o600)
        guard file >= 0 else {
            throw problem("cannot create a file in \(path): \(errnoText)")
        }
        do throws(SecretStoreError) {
            defer { Glibc.close(file) }
            // The umask can only remove bits; fchmod makes the mode exact.
            guard fchmod(file, 0o600) == 0 else { throw writeProblem(name) }
            try writeAll(data, to: file, name: name)
            guard fsync(file) == 0 else { throw writeProblem(name) }
        } catch {
            unlinkat(fd, temporary, 0)
            throw error
        }
        guard renameat(fd, temporary, fd, name) == 0 else {
            let problem = writeProblem(name)
            unlinkat(fd, temporary, 0)
            throw problem
        }
        fsync(fd)
    }

    /// Deletes `.NAME.*.tmp` files: under the lock no writer has one in
    /// flight, so any found were left by a writer that was killed.
    private func removeLeftovers(of name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).") && entry.hasSuffix(".tmp") {
            unlinkat(fd, entry, 0)
        }
    }

    /// Removes `name`; a missing file is fine.
    func remove(_ name: String) throws(SecretStoreError) {
        if unlinkat(fd, name, 0) != 0 && errno != ENOENT {
            throw problem("cannot remove \(path)/\(name): \(errnoText)")
        }
        fsync(fd)
    }

    private func writeAll(_ data: Data, to file: Int32, name: String) throws(SecretStoreError) {
        var offset = 0
        while offset < data.count {
            let written = data[data.startIndex + offset..<data.endIndex].withUnsafeBytes {
                Glibc.write(file, $0.baseAddress, $0.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw writeProblem(name)
            }
            offset += written
        }
    }

    private func writeProblem(_ name: String) -> SecretStoreError {
        problem(
            "cannot write \(path)/\(name): \(errnoText); check free space and "
                + "permissions")
    }
}

private func problem(_ detail: String) -> SecretStoreError {
    SecretStoreError.file(detail)
}

private var errnoText: String { SecretStoreError.errnoText }
