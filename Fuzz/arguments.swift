import AvnCLI

/// Command lines: the input's NUL-separated parts are the words after `avn`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let words = fuzzBytes(data, size)
        .split(separator: 0, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    do {
        let request = try CommandLineParser(table: .avn).parse(words)
        if case .help(let path) = request, HelpRenderer(table: .avn).help(for: path).isEmpty {
            fuzzFailure("help for \(path) is empty")
        }
    } catch {
        checkRejection(error, by: "CommandLineParser.parse")
    }
    return 0
}
