import Foundation

/// The injected faults, shared by all connection threads.
final class FaultList: @unchecked Sendable {
    private let lock = NSLock()
    private var faults: [Fault] = []

    func add(_ fault: Fault) {
        lock.lock()
        defer { lock.unlock() }
        faults.append(fault)
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        faults.removeAll()
    }

    var all: [Fault] {
        lock.lock()
        defer { lock.unlock() }
        return faults
    }

    /// The first fault for this request, counting one use of it.
    func take(method: String, path: String) -> Fault? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = faults.firstIndex(where: { $0.matches(method: method, path: path) })
        else { return nil }
        let fault = faults[index]
        if let remaining = fault.remaining {
            if remaining <= 1 {
                faults.remove(at: index)
            } else {
                faults[index].remaining = remaining - 1
            }
        }
        return fault
    }
}
