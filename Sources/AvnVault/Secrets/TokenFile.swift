import FoundationEssentials
import Glibc

/// Reading, checking and encoding the token file's contents.
enum TokenFile {
    /// The on-disk shape: a version, so later formats can be told apart.
    private struct Contents: Codable {
        var version: Int
        var tokens: [String: TokenEntry]
    }

    /// The file's bytes, or nil when it does not exist. Refuses a file that
    /// is not a regular file of ours or that others may read or write.
    static func read(_ url: URL) throws(SecretStoreError) -> Data? {
        let path = url.path
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw problem("cannot open \(path): \(errnoText)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw problem("cannot inspect \(path): \(errnoText)")
        }
        try checkOwnership(info, path: path)
        return try readAll(fd, path: path)
    }

    static func checkOwnership(_ info: stat, path: String) throws(SecretStoreError) {
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw problem("\(path) is not a regular file; remove it and store the tokens again")
        }
        guard info.st_uid == geteuid() else {
            throw problem(
                "\(path) belongs to another user; remove it and store the tokens "
                    + "again")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw problem(
                "\(path) has mode \(String(mode, radix: 8)) so other users may have "
                    + "read it; run 'chmod 600 \(path)' and consider replacing the tokens in it")
        }
    }

    private static func readAll(_ fd: Int32, path: String) throws(SecretStoreError) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        defer { wipe(&buffer) }
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw problem("cannot read \(path): \(errnoText)")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    static func decode(
        _ data: Data, path: String
    ) throws(SecretStoreError) -> [String: TokenEntry] {
        do {
            let contents = try JSONDecoder().decode(Contents.self, from: data)
            guard contents.version == 1 else {
                throw problem(
                    "\(path) has format version \(contents.version), which this "
                        + "avn does not know; upgrade avn")
            }
            return contents.tokens
        } catch let error as SecretStoreError {
            throw error
        } catch {
            throw problem(
                "\(path) is not a valid token file; fix it or remove it and "
                    + "store the tokens again")
        }
    }

    static func encode(_ tokens: [String: TokenEntry]) throws(SecretStoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(Contents(version: 1, tokens: tokens))
            data.append(0x0A)
            return data
        } catch {
            throw problem("cannot encode the token file: \(error)")
        }
    }
}

/// Overwrites bytes that held tokens before their memory is released;
/// explicit_bzero, unlike memset, is never dropped as a dead store.
func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { explicit_bzero(base, $0.count) } }
}

/// Overwrites data that held tokens before its memory is released.
func wipe(_ data: inout Data) {
    data.withUnsafeMutableBytes { if let base = $0.baseAddress { explicit_bzero(base, $0.count) } }
}

private func problem(_ detail: String) -> SecretStoreError {
    SecretStoreError.file(detail)
}

private var errnoText: String { SecretStoreError.errnoText }
