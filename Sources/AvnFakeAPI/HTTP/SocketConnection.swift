#if canImport(Glibc)
    import Glibc
#endif

/// One accepted TCP connection: raw reads and writes on its descriptor.
final class SocketConnection: @unchecked Sendable {
    /// The descriptor is only read after init; closing is guarded by the server's lock.
    let descriptor: Int32
    /// The peer's IPv4 address in dotted form.
    let peerAddress: String

    init(descriptor: Int32, peerAddress: String) {
        self.descriptor = descriptor
        self.peerAddress = peerAddress
    }

    /// Up to 64 KiB of input; nil at end of stream or on error.
    func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if count > 0 { return Array(buffer[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Writes every byte; false when the peer has gone away.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(
                    descriptor, raw.baseAddress?.advanced(by: offset), raw.count - offset,
                    Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Wakes any blocked read or write so the connection's thread can finish.
    func shutDown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }
}
