import Foundation
import Glibc

/// An HTTP proxy on 127.0.0.1 that serves one `CONNECT`: it records the
/// request head, then either refuses with `refusal` or opens the tunnel to
/// 127.0.0.1 on the requested port and relays bytes both ways.
final class ConnectProxy: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var head = ""

    init(refusal: String? = nil) throws {
        (listener, port) = try loopbackSocket()
        let thread = Thread { [self] in serve(refusal: refusal) }
        thread.start()
    }

    deinit { close(listener) }

    /// The request head the proxy received, without the blank line.
    var request: String { lock.withLock { head } }

    private func serve(refusal: String?) {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !bytes.ends(with: Array("\r\n\r\n".utf8)), recv(client, &byte, 1, 0) == 1 {
            bytes.append(byte)
        }
        let text = String(decoding: bytes.dropLast(4), as: UTF8.self)
        lock.withLock { head = text }
        if let refusal {
            _ = Array(refusal.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
            return
        }
        let target = text.split(separator: " ").dropFirst().first ?? ""
        guard let port = UInt16(target.split(separator: ":").last ?? "") else { return }
        guard let upstream = loopbackConnection(port: port) else { return }
        defer { close(upstream) }
        let established = Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)
        _ = established.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
        relay(client, upstream)
    }

    private func relay(_ first: Int32, _ second: Int32) {
        var descriptors = [
            pollfd(fd: first, events: Int16(POLLIN), revents: 0),
            pollfd(fd: second, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while poll(&descriptors, 2, 10_000) > 0 {
            for (index, entry) in descriptors.enumerated() where entry.revents != 0 {
                let from = entry.fd
                let to = index == 0 ? second : first
                let count = buffer.withUnsafeMutableBytes {
                    recv(from, $0.baseAddress, $0.count, 0)
                }
                guard count > 0 else { return }
                _ = buffer.withUnsafeBytes { send(to, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
