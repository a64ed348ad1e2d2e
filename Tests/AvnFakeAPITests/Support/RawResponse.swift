import Foundation

/// A response as read off the wire.
struct RawResponse {
    let status: Int
    let headers: [(name: String, value: String)]
    var body: [UInt8] = []
    /// False when the body ended before its announced length, or never ended.
    var complete = true

    init(head: String) throws {
        let lines = head.components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1])
        else { throw RawHTTPError(description: "bad status line \(lines[0])") }
        self.status = status
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (name: String(line[..<colon]), value: value)
        }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body))
        guard let dictionary = object as? [String: Any] else {
            throw RawHTTPError(description: "body is not a JSON object: \(text)")
        }
        return dictionary
    }

    /// The top-level `message` of a JSON body.
    var message: String? {
        (try? json())?["message"] as? String
    }

    /// `errors[0].error_code`, or nil when absent.
    var errorCode: String? {
        let errors = (try? json())?["errors"] as? [[String: Any]]
        return errors?.first?["error_code"] as? String
    }
}
