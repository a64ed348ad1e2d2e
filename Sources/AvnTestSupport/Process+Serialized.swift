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
