@testable import AvnAPI

/// HTTP answers as they arrive on a connection: `HTTPResponseReader` fed the
/// input whole, and again in two pieces split where the first byte says.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let whole = outcome(of: [bytes[...]])
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let pieces = outcome(of: [bytes[..<split], bytes[split...]])
    if whole != pieces {
        fuzzFailure("the answer read whole and in two pieces differ: \(whole) vs \(pieces)")
    }
    if case .success(let response) = whole {
        check(response)
    }
    return 0
}

/// What the reader makes of `pieces` followed by the end of the connection.
private func outcome(of pieces: [ArraySlice<UInt8>]) -> Result<HTTPResponse, TransportError> {
    var reader = HTTPResponseReader()
    do throws(HTTPResponseReader.Failure) {
        for piece in pieces {
            if let response = try reader.receive(piece) { return .success(response) }
        }
        return .success(try reader.finish())
    } catch {
        let failure = error.transportError(host: "api.example")
        checkRejection(failure, by: "HTTPResponseReader")
        return .failure(failure)
    }
}

/// A complete answer keeps to its own framing.
private func check(_ response: HTTPResponse) {
    if !(200..<600).contains(response.status) {
        fuzzFailure("status \(response.status) is not a final answer")
    }
    if [204, 304].contains(response.status) && !response.body.isEmpty {
        fuzzFailure("status \(response.status) came with a body")
    }
    if response.headers["transfer-encoding"] == nil,
        let length = response.headers["content-length"].flatMap({ Int($0) }),
        ![204, 304].contains(response.status), response.body.count != length
    {
        fuzzFailure("a body of \(response.body.count) bytes for Content-Length \(length)")
    }
    if response.headers.keys.contains(where: { $0 != $0.lowercased() }) {
        fuzzFailure("a header name that is not lower-cased")
    }
}
