import Foundation

/// Serializes process starts across the whole test run.
private let processStartLock = NSLock()

extension Process {
    /// Starts the process while no other test starts one: Foundation's
    /// `run()` is not safe to call from many threads at once (it crashed under
    /// the concurrency test). The processes still run in parallel.
    public func runSerially() throws {
        try processStartLock.withLock { try run() }
    }
}

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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = includingErrors ? output : FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.runSerially()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolOutput(
        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}
