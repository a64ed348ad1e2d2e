import AvnVault

/// `.avn-profile` contents.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfileFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let request = try ProfileSelection.parseFile(
            fuzzBytes(data, size), path: "/src/app/.avn-profile", folder: "/src/app")
        let name = request.name
        if name.isEmpty || name.hasPrefix("#") || name.first == " " || name.last == " "
            || name.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" })
        {
            fuzzFailure("the file gave the profile name \(name.debugDescription)")
        }
    } catch {
        checkRejection(error, by: "ProfileSelection.parseFile")
    }
    return 0
}
