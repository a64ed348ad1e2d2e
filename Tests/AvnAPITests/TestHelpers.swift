import AvnAPI
import AvnTestSupport
import Foundation

/// Collects log lines from several threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }
    var text: String { lines.joined(separator: "\n") }

    func append(_ line: String) {
        lock.withLock { stored.append(line) }
    }
}

let testBaseURL = URL(string: "https://api.example.test")!
let sampleToken = String(repeating: "Ab3+/x=Zq9", count: 37) + "=="  // 372 characters

func makeClient(
    _ stub: StubTransport, token: String? = sampleToken, warnings: LogLines? = nil,
    dump: LogLines? = nil
) -> AivenClient {
    var log = APILog(warning: { warnings?.append($0) })
    if let dump {
        log.showHTTP = { dump.append($0) }
    }
    return AivenClient(
        baseURL: testBaseURL, token: token, transport: stub, userAgent: "avn-test/1.0",
        log: log, retryDelay: 0.01)
}

func jsonResponse(_ status: Int = 200, _ text: String) -> StubTransport.Outcome {
    .response(
        HTTPResponse(status: status, headers: ["content-type": "application/json"], text: text))
}
