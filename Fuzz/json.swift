import AvnAPI
@testable import AvnCLI
import AvnTestSupport
import FoundationEssentials

private let token = "AAAAsecretTOKENvalue0123456789=="
private let password = "hunter2-password"

/// API responses: the JSON parser and writers, the table layout of `info` and the
/// access-token commands, and the client's handling of the answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do {
        let value = try JSONValue(parsing: bytes)
        checkWriters(value)
        checkTables(value)
    } catch {
        checkRejection(error, by: "JSONValue(parsing:)")
    }
    for status in [200, 401] {
        checkClient(answering: HTTPResponse(status: status, body: bytes))
    }
    return 0
}

/// Compact text reads back as the same value; Python's layouts are valid JSON.
private func checkWriters(_ value: JSONValue) {
    let compact = value.compactText
    guard let again = try? JSONValue(parsing: compact), again == value else {
        fuzzFailure("compactText does not read back as the same value: \(compact.debugDescription)")
    }
    for text in [value.pythonJSON(), value.pythonInlineJSON()] {
        do {
            _ = try JSONValue(parsing: text)
        } catch {
            fuzzFailure("Python-style output is not JSON (\(error)): \(text.debugDescription)")
        }
    }
}

/// Lays the value out as `avn user info` and the access-token commands would.
private func checkTables(_ value: JSONValue) {
    var tables: [(rows: [JSONValue], columns: [String])] = [
        ([value], InfoCommand.columns),
        ([value], AccessTokenCommands.createColumns),
        (value.arrayValue ?? [value], AccessTokenCommands.listColumns),
    ]
    if let user = value["user"] { tables.append(([user], InfoCommand.columns)) }
    if let tokens = value["tokens"]?.arrayValue {
        tables.append((tokens, AccessTokenCommands.listColumns))
    }
    for table in tables {
        do {
            _ = try TableRenderer.render(table.rows, columns: table.columns)
        } catch {
            checkRejection(error, by: "TableRenderer.render")
        }
    }
}

/// `me()`, `listTokens()` and `login` on this answer: any error, never a secret shown.
private func checkClient(answering response: HTTPResponse) {
    guard let baseURL = URL(string: "https://api.aiven.io") else {
        fuzzFailure("the base URL does not parse")
    }
    let calls: [(String, [String], (AivenClient) throws(APIClientError) -> Void)] = [
        ("me()", [token], { (client) throws(APIClientError) in _ = try client.me() }),
        ("listTokens()", [token], { (client) throws(APIClientError) in
            _ = try client.listTokens()
        }),
        ("login", [token, password], { (client) throws(APIClientError) in
            _ = try client.login(email: "ada@example.com", password: password, otp: "123456")
        }),
    ]
    for (name, secrets, call) in calls {
        // Each exchange hides the secrets it knows of: the token, and what it sends.
        let log = APILog(
            warning: { checkNoSecret(secrets, in: $0, what: "a warning of \(name)") },
            showHTTP: { checkNoSecret(secrets, in: $0, what: "an HTTP dump of \(name)") })
        let client = AivenClient(
            baseURL: baseURL, token: token,
            transport: StubTransport(fallback: .response(response)),
            userAgent: "avn-fuzz", log: log, retryDelay: 0)
        do {
            try call(client)
        } catch {
            checkRejection(error, by: "AivenClient.\(name)")
            checkNoSecret(secrets, in: error.description, what: "the error of \(name)")
        }
    }
}

private func checkNoSecret(_ secrets: [String], in text: String, what: String) {
    if secrets.contains(where: { containsBytes(text, $0) }) {
        fuzzFailure("\(what) shows a secret: \(text.debugDescription)")
    }
}
