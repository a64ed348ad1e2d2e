import Glibc

/// Overwrites bytes that held a password or token before their memory is
/// released. Copies made elsewhere (Swift strings, OpenSSL's buffers)
/// are out of reach; this only shortens how long our own buffers keep them.
func wipe(_ bytes: inout [UInt8]) {
    // explicit_bzero, unlike memset, is never dropped as a dead store.
    bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { explicit_bzero(base, $0.count) } }
}

extension HTTPRequest {
    /// Overwrites the body, which may hold a password, in place.
    mutating func wipeBody() {
        guard body != nil else { return }
        body?.withUnsafeMutableBytes {
            if let base = $0.baseAddress { explicit_bzero(base, $0.count) }
        }
    }
}
