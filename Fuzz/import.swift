@testable import AvnCLI

/// Contents of the official client's credentials file, as `avn user import` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let (token, _) = try ImportCommand.readCredentials(
            from: fuzzBytes(data, size), path: "/home/ada/.config/aiven/aiven-credentials.json")
        if token.isEmpty || token.contains(where: { $0.isWhitespace || $0.isNewline }) {
            fuzzFailure("the file gave the unusable token \(token.debugDescription)")
        }
    } catch {
        checkRejection(error, by: "ImportCommand.readCredentials")
    }
    return 0
}
