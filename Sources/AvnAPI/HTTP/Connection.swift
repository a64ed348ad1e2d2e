import COpenSSL
import FoundationEssentials
import Glibc

/// The moment a request must be over, on the monotonic clock.
struct Deadline {
    let seconds: Int
    private let end: UInt64

    init(seconds: Int) {
        self.seconds = seconds
        end = Self.now() + UInt64(seconds) * 1_000_000_000
    }

    /// What is left, in milliseconds for poll(2); 0 once passed.
    var remainingMilliseconds: Int32 {
        let now = Self.now()
        guard now < end else { return 0 }
        return Int32(clamping: (end - now + 999_999) / 1_000_000)
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// One TCP connection, plain or TLS, on a non-blocking socket whose every
/// wait ends at the request's deadline.
final class Connection {
    /// The host named in errors: the API host, or the proxy's.
    let host: String
    private let socket: Int32
    private let deadline: Deadline
    /// OpenSSL's `SSL *` once TLS is started.
    private var tls: OpaquePointer?

    private init(host: String, socket: Int32, deadline: Deadline) {
        self.host = host
        self.socket = socket
        self.deadline = deadline
    }

    deinit {
        if let tls { avn_tls_free(tls) }
        close(socket)
    }

    /// Resolves `host` and connects to the first of its addresses that answers.
    static func open(host: String, port: Int, deadline: Deadline) throws(TransportError)
        -> Connection
    {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &found)
        defer { if let found { freeaddrinfo(found) } }
        guard resolved == 0 else {
            if resolved == EAI_SYSTEM || resolved == EAI_MEMORY {
                throw .other(
                    detail: "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
            }
            throw .cannotResolve(host: host)
        }
        var lastError: Int32 = 0
        var refusedEverywhere = true
        var address = found
        while let current = address?.pointee {
            address = current.ai_next
            let descriptor = Glibc.socket(
                current.ai_family,
                current.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue),
                current.ai_protocol)
            guard descriptor >= 0 else {
                lastError = errno
                refusedEverywhere = false
                continue
            }
            let connection = Connection(host: host, socket: descriptor, deadline: deadline)
            let outcome = connection.connect(to: current.ai_addr, length: current.ai_addrlen)
            if outcome == 0 {
                var on: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(4))
                return connection
            }
            if outcome == ETIMEDOUT && deadline.remainingMilliseconds == 0 {
                throw .timedOut(seconds: deadline.seconds)
            }
            lastError = outcome
            refusedEverywhere = refusedEverywhere && outcome == ECONNREFUSED
        }
        if refusedEverywhere && lastError == ECONNREFUSED {
            throw .connectionRefused(host: host)
        }
        throw .cannotConnect(host: host, detail: String(cString: strerror(lastError)))
    }

    /// 0 once connected, else the errno of the failure.
    private func connect(to address: UnsafeMutablePointer<sockaddr>?, length: socklen_t) -> Int32 {
        if Glibc.connect(socket, address, length) == 0 { return 0 }
        guard errno == EINPROGRESS else { return errno }
        guard wait(for: Int16(POLLOUT)) else { return ETIMEDOUT }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(socket, SOL_SOCKET, SO_ERROR, &failure, &size) == 0 else { return errno }
        return failure
    }

    /// Waits until the socket is ready for `events`; false when the deadline passed.
    private func wait(for events: Int16) -> Bool {
        var entry = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let remaining = deadline.remainingMilliseconds
            guard remaining > 0 else { return false }
            let ready = poll(&entry, 1, remaining)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // the next call reports the error
        }
    }

    /// Starts TLS, checking the server's certificate against `serverName`.
    func startTLS(serverName: String, caFile: String?) throws(TransportError) {
        guard avn_ssl() != nil else {
            let reason = avn_ssl_load_error().map { String(cString: $0) } ?? "unknown reason"
            throw .other(detail: "cannot load OpenSSL (\(reason)); install libssl3")
        }
        var message = [CChar](repeating: 0, count: 256)
        let isAddress = Self.isAddress(serverName) ? Int32(1) : 0
        guard
            let session = avn_tls_new(
                socket, serverName, isAddress, caFile, &message, message.count)
        else {
            throw .tls(detail: String(cString: message))
        }
        tls = session
        while true {
            switch avn_tls_handshake(session) {
            case AVN_TLS_DONE: return
            case AVN_TLS_WANT_READ: try waitOrTimeOut(Int16(POLLIN))
            case AVN_TLS_WANT_WRITE: try waitOrTimeOut(Int16(POLLOUT))
            default:
                avn_tls_describe(session, &message, message.count)
                let detail = String(cString: message)
                throw .tls(detail: detail.isEmpty ? "the server closed the handshake" : detail)
            }
        }
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    private static func isAddress(_ host: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
    }

    private func waitOrTimeOut(_ events: Int16) throws(TransportError) {
        guard wait(for: events) else { throw .timedOut(seconds: deadline.seconds) }
    }

    /// Sends every byte.
    func write(_ bytes: [UInt8]) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            // withUnsafeBytes rethrows untyped errors; Result keeps the type.
            let sent = bytes.withUnsafeBytes { buffer in
                Result { () throws(TransportError) -> Int in
                    try send(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                }
            }
            let count = try sent.get()
            guard count > 0 else { throw .connectionLost(host: host) }
            offset += count
        }
    }

    private func send(_ buffer: UnsafeRawBufferPointer) throws(TransportError) -> Int {
        while true {
            if let tls {
                var count = 0
                let step = avn_tls_write(tls, buffer.baseAddress, buffer.count, &count)
                if try isOver(step) { return count }
                continue
            }
            let sent = Glibc.send(socket, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            if sent >= 0 { return sent }
            try waitAfterFailure(Int16(POLLOUT))
        }
    }

    /// Reads what has arrived into the start of `buffer`; 0 when the peer closed.
    func read(into buffer: inout [UInt8]) throws(TransportError) -> Int {
        let received = buffer.withUnsafeMutableBytes { bytes in
            Result { () throws(TransportError) -> Int in try receive(into: bytes) }
        }
        return try received.get()
    }

    private func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        while true {
            if let tls {
                var count = 0
                let step = avn_tls_read(tls, buffer.baseAddress, buffer.count, &count)
                if try isOver(step) { return count }
                continue
            }
            let received = recv(socket, buffer.baseAddress, buffer.count, 0)
            if received >= 0 { return received }
            try waitAfterFailure(Int16(POLLIN))
        }
    }

    /// Waits as a TLS read or write asks; whether it is over (done, or the
    /// peer closed, with the count set accordingly).
    private func isOver(_ step: avn_tls_step) throws(TransportError) -> Bool {
        switch step {
        case AVN_TLS_DONE, AVN_TLS_CLOSED: return true
        case AVN_TLS_WANT_READ: try waitOrTimeOut(Int16(POLLIN))
        case AVN_TLS_WANT_WRITE: try waitOrTimeOut(Int16(POLLOUT))
        default: throw .connectionLost(host: host)
        }
        return false
    }

    /// After a failed send or recv: waits when the socket would block, goes
    /// on after a signal, and otherwise the connection is lost.
    private func waitAfterFailure(_ events: Int16) throws(TransportError) {
        switch errno {
        case EINTR: return
        case EAGAIN, EWOULDBLOCK: try waitOrTimeOut(events)
        default: throw .connectionLost(host: host)
        }
    }
}
