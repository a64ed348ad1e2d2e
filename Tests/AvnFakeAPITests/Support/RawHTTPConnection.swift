import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why the test client could not talk to the server.
struct RawHTTPError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal HTTP/1.1 client over one TCP connection, so tests see exactly what is sent.
final class RawHTTPConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// True once the server closed its side.
    private(set) var peerClosed = false

    init(port: UInt16, timeoutSeconds: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTPError(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw RawHTTPError(description: "connect to port \(port) failed")
        }
    }

    deinit {
        close(descriptor)
    }

    func sendRaw(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { raw in
            send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
        }
        guard sent == bytes.count else { throw RawHTTPError(description: "send failed") }
    }

    /// Sends one request and reads its response.
    func request(
        _ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil
    ) throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            head += "\(name): \(value)\r\n"
        }
        let payload = body ?? ""
        if body != nil || ["POST", "PUT"].contains(method) {
            head += "Content-Length: \(payload.utf8.count)\r\n"
        }
        try sendRaw(head + "\r\n" + payload)
        guard let response = try readResponse() else {
            throw RawHTTPError(description: "the server closed the connection without answering")
        }
        return response
    }

    /// Reads one response; nil when the server closed before sending anything.
    /// A chunked body is read up to `chunkedLimit` bytes and then left unfinished.
    func readResponse(chunkedLimit: Int = 4096) throws -> RawResponse? {
        guard let headEnd = try fill(until: { Self.find([13, 10, 13, 10], in: $0) }) else {
            if buffer.isEmpty { return nil }
            throw RawHTTPError(description: "incomplete response head")
        }
        var response = try RawResponse(head: String(decoding: buffer[0..<headEnd], as: UTF8.self))
        buffer.removeFirst(headEnd + 4)
        if response.header("transfer-encoding") == "chunked" {
            _ = try fill(until: { $0.count >= chunkedLimit ? 0 : nil })
            response.body = buffer
            response.complete = false
            buffer.removeAll()
            return response
        }
        let length = Int(response.header("content-length") ?? "0") ?? 0
        _ = try fill(until: { $0.count >= length ? 0 : nil })
        response.body = Array(buffer.prefix(length))
        response.complete = buffer.count >= length
        buffer.removeFirst(min(length, buffer.count))
        return response
    }

    /// Receives until `done` finds something in the buffer or the peer closes.
    private func fill(until done: ([UInt8]) -> Int?) throws -> Int? {
        while true {
            if let found = done(buffer) { return found }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, 0)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw RawHTTPError(description: "receive failed or timed out")
            }
            if count == 0 {
                peerClosed = true
                return nil
            }
            buffer += chunk[0..<count]
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first {
            haystack[$0..<$0 + needle.count].elementsEqual(needle)
        }
    }
}
