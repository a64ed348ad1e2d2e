import Foundation
import Glibc

/// A TCP socket on 127.0.0.1 that answers one connection in a canned way.
final class LocalHTTPServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Reads the request, writes this raw answer, closes.
        case respond(String)
        /// Reads the request and never answers until `stop()`.
        case hold
    }

    let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var received = ""
    private let finished = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    /// Binds a port; without `listening` connections to it are refused.
    init(listening: Bool = true) throws {
        (socketFD, port) = try loopbackSocket(listening: listening)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The raw request text read from the one connection.
    var request: String { lock.withLock { received } }

    /// Serves one connection on a background thread.
    func serveOnce(_ behaviour: Behaviour) {
        let thread = Thread { [self] in
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else {
                finished.signal()
                return
            }
            let text = readRequest(client)
            lock.withLock { received = text }
            switch behaviour {
            case .respond(let answer):
                _ = Array(answer.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
            case .hold:
                released.wait()
            }
            close(client)
            finished.signal()
        }
        thread.start()
    }

    /// Releases a held connection and closes the listening socket.
    func stop() {
        released.signal()
        close(socketFD)
    }

    private func readRequest(_ client: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isComplete(bytes) {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap {
                Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
            }
        return text[end.upperBound...].utf8.count >= (length ?? 0)
    }
}

/// A TCP socket bound to a free port on 127.0.0.1, listening unless told not to.
func loopbackSocket(listening: Bool = true) throws -> (socket: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound, !listening || listen(fd, 4) == 0 else {
        close(fd)
        throw POSIXError(.EADDRINUSE)
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A socket connected to 127.0.0.1 on `port`, or nil when nothing accepts there.
func loopbackConnection(port: UInt16) -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
    guard connected else {
        close(fd)
        return nil
    }
    return fd
}

/// A raw HTTP/1.1 answer that closes the connection.
func rawAnswer(status: String, headers: [String] = [], body: String) -> String {
    let lines =
        ["HTTP/1.1 \(status)", "Content-Length: \(body.utf8.count)", "Connection: close"]
        + headers
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
}
