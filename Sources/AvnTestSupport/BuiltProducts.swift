import Foundation

/// Finds the executables SwiftPM built next to the running test bundle.
public enum BuiltProducts {
    /// The built `avn`.
    public static func avn() throws -> String {
        try executable(named: "avn")
    }

    /// The built `avn-fake-api`.
    public static func fakeAPI() throws -> String {
        try executable(named: "avn-fake-api")
    }

    /// Searches the test bundle's folder and its parents for an executable file `name`.
    public static func executable(named name: String) throws -> String {
        let start = URL(fileURLWithPath: Bundle.main.bundlePath).standardizedFileURL
        var folder = start.hasDirectoryPath ? start : start.deletingLastPathComponent()
        while true {
            for candidate in [folder, folder.appendingPathComponent("debug")] {
                let path = candidate.appendingPathComponent(name).path
                if isExecutableFile(path) { return path }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw TestSupportError(
            "cannot find the built '\(name)' above \(start.path); run 'swift build' first")
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            && !isFolder.boolValue && FileManager.default.isExecutableFile(atPath: path)
    }
}
