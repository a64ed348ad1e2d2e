import Foundation

/// The lock around the store; every request's whole operation runs inside one `access`.
final class FakeState: @unchecked Sendable {
    private let lock = NSLock()
    private var store: FakeStore

    init(seed: Seed) {
        store = FakeStore(seed: seed)
    }

    func access<T, E: Error>(_ body: (inout FakeStore) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&store)
    }
}
