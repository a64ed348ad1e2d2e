#if canImport(Glibc)
    import Glibc
#endif

/// Serves the requests of one connection in turn, applying latency and injected faults.
struct ConnectionHandler {
    let connection: SocketConnection
    let router: Router
    let faults: FaultList
    let latencyMilliseconds: Int

    func run() {
        var reader = HTTPRequestReader(connection: connection)
        while true {
            do {
                guard let request = try reader.next(), serve(request) else { return }
            } catch {
                let failure: APIFailure =
                    switch error {
                    case .malformed: APIFailure(400, "Malformed HTTP request")
                    case .headersTooLarge: APIFailure(431, "Request headers too large")
                    case .lengthRequired: APIFailure(411, "Send the body with a Content-Length")
                    }
                write(failure.response, keepAlive: false)
                return
            }
        }
    }

    /// Answers one request; false when the connection must close afterwards.
    private func serve(_ request: HTTPRequest) -> Bool {
        guard !request.path.hasPrefix("/_fake/") else {
            let response = router.respond(to: request, peerAddress: connection.peerAddress)
            return write(response, keepAlive: request.keepsAlive)
        }
        Self.pause(milliseconds: latencyMilliseconds)
        guard let fault = faults.take(method: request.method, path: request.path) else {
            let response = router.respond(to: request, peerAddress: connection.peerAddress)
            return write(response, keepAlive: request.keepsAlive)
        }
        return serve(request, with: fault)
    }

    private func serve(_ request: HTTPRequest, with fault: Fault) -> Bool {
        Self.pause(milliseconds: fault.latencyMilliseconds)
        if fault.close { return false }
        if fault.endless {
            streamForever(fault)
            return false
        }
        let response =
            fault.replacesAnswer
            ? fault.response : router.respond(to: request, peerAddress: connection.peerAddress)
        guard fault.truncate else { return write(response, keepAlive: request.keepsAlive) }
        let half = response.body.prefix(response.body.count / 2)
        connection.send(response.head(closing: true) + half)
        return false
    }

    /// Sends a chunked body that never ends, until the client or the server gives up.
    private func streamForever(_ fault: Fault) {
        let status = fault.status ?? 200
        var head = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
        head += "Content-Type: \(fault.contentType ?? "application/json")\r\n"
        head += "Transfer-Encoding: chunked\r\n\r\n"
        let opening = #"{"data": ""#
        head += String(opening.utf8.count, radix: 16) + "\r\n" + opening + "\r\n"
        guard connection.send(Array(head.utf8)) else { return }
        let chunk = Array("40\r\n\(String(repeating: "a", count: 64))\r\n".utf8)
        while connection.send(chunk) {
            Self.pause(milliseconds: 50)
        }
    }

    @discardableResult
    private func write(_ response: HTTPResponse, keepAlive: Bool) -> Bool {
        connection.send(response.head(closing: !keepAlive) + response.body) && keepAlive
    }

    private static func pause(milliseconds: Int) {
        guard milliseconds > 0 else { return }
        usleep(UInt32(min(milliseconds, 600_000)) * 1000)
    }
}
