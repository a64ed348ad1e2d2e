import Foundation

/// What a command-line tool printed, and how it exited.
public struct ToolOutput: Sendable {
    public let status: Int32
    public let output: String
}

/// Runs a tool to its end with no standard input and returns its standard
/// output (with standard error too when `includingErrors`).
public func runTool(
    _ path: String, _ arguments: [String], includingErrors: Bool = false
) throws -> ToolOutput {
    let process = ChildProcess()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = includingErrors ? output : FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolOutput(
        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}
