import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The in-memory stand-in of the Aiven user API, served over HTTP/1.1 on 127.0.0.1.
///
///     let server = try FakeAPIServer(seed: Seed(users: [...]))
///     try server.start()
///     // point clients at server.baseURL
///     server.stop()
public final class FakeAPIServer: @unchecked Sendable {
    private let lock = NSLock()
    private let state: FakeState
    private let faults = FaultList()
    private let router: Router
    private let requestedPort: UInt16
    private let latencyMilliseconds: Int
    private var listener: Int32 = -1
    private var boundPort: UInt16 = 0
    private var connections: [Int32: SocketConnection] = [:]

    /// Prepares a server holding the seed's users; `latencyMilliseconds` delays every API call.
    public init(seed: Seed = Seed(), port: UInt16 = 0, latencyMilliseconds: Int = 0)
        throws(FakeAPIError)
    {
        let emails = seed.users.map { $0.email.lowercased() }
        guard Set(emails).count == emails.count else {
            throw .seedInvalid(path: nil, reason: "two users share an email")
        }
        guard latencyMilliseconds >= 0 else {
            throw .invalidArgument("The latency must not be negative")
        }
        let state = FakeState(seed: seed)
        let faults = self.faults
        self.state = state
        self.requestedPort = port
        self.latencyMilliseconds = latencyMilliseconds
        self.router = Router(
            routes: LoginHandlers(state: state).routes + MeHandlers(state: state).routes
                + AccessTokenHandlers(state: state).routes
                + AdminHandlers(state: state, faults: faults).routes)
    }

    deinit {
        stop()
    }

    /// The bound port; 0 before `start()`.
    public var port: UInt16 {
        lock.withLock { boundPort }
    }

    /// `http://127.0.0.1:PORT`, the base URL clients use (without `/v1`).
    public var baseURL: String {
        "http://127.0.0.1:\(port)"
    }

    /// Binds the socket and starts accepting connections on a background thread.
    public func start() throws(FakeAPIError) {
        let opened = try ListeningSocket.open(port: requestedPort)
        lock.withLock {
            listener = opened.descriptor
            boundPort = opened.port
        }
        Thread.detachNewThread { [self] in
            acceptLoop(on: opened.descriptor)
        }
    }

    /// Stops listening and drops every open connection.
    public func stop() {
        lock.withLock {
            if listener >= 0 {
                _ = shutdown(listener, Int32(SHUT_RDWR))
                listener = -1
            }
            for connection in connections.values {
                connection.shutDown()
            }
        }
    }

    /// Moves the stand-in's clock forward, as `POST /_fake/clock` does.
    public func advanceClock(seconds: Int) {
        state.access { store in store.clock.advance(seconds: seconds) }
    }

    private func acceptLoop(on descriptor: Int32) {
        defer { close(descriptor) }
        while let connection = ListeningSocket.accept(on: descriptor) {
            let accepted = lock.withLock {
                guard listener == descriptor else { return false }
                connections[connection.descriptor] = connection
                return true
            }
            guard accepted else {
                close(connection.descriptor)
                return
            }
            let handler = ConnectionHandler(
                connection: connection, router: router, faults: faults,
                latencyMilliseconds: latencyMilliseconds)
            Thread.detachNewThread { [self] in
                handler.run()
                finish(connection)
            }
        }
    }

    private func finish(_ connection: SocketConnection) {
        lock.withLock {
            connections[connection.descriptor] = nil
            close(connection.descriptor)
        }
    }
}
