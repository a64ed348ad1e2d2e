import CLibsecret
import Dispatch
import Synchronization

/// A GCancellable shared between the waiting caller and the worker thread.
final class Cancellation: @unchecked Sendable {
    // GCancellable is thread-safe; this class only owns one reference to it.
    let pointer: UnsafeMutablePointer<GCancellable>

    init() {
        pointer = g_cancellable_new()
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    var isCancelled: Bool { g_cancellable_is_cancelled(pointer) != 0 }

    func cancel() { g_cancellable_cancel(pointer) }
}

/// Runs blocking keyring work on its own thread and gives up after a time limit.
///
/// libsecret's synchronous calls can wait forever on an unresponsive service
/// or an unanswered prompt; the caller must not.
struct BoundedRunner: Sendable {
    var seconds: Double

    func run<T: Sendable>(
        _ work: @escaping @Sendable (Cancellation) throws(SecretStoreError) -> T
    ) throws(SecretStoreError) -> T {
        let cancellation = Cancellation()
        let outcome = Outcome<T>()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome.set(Result { () throws(SecretStoreError) -> T in try work(cancellation) })
            finished.signal()
        }
        let deadline = DispatchTime.now() + max(seconds, 0)
        if finished.wait(timeout: deadline) == .timedOut {
            cancellation.cancel()
            // The work may have finished between the deadline and the cancel.
            guard let late = outcome.value else {
                throw SecretStoreError(store: .keyring, reason: .timedOut(seconds: seconds))
            }
            return try late.get()
        }
        guard let result = outcome.value else {
            throw SecretStoreError(store: .keyring, reason: .failed("the keyring call ended early"))
        }
        return try result.get()
    }
}

/// The result of the worker, handed over under a lock.
private final class Outcome<T: Sendable>: Sendable {
    private let stored = Mutex<Result<T, SecretStoreError>?>(nil)

    var value: Result<T, SecretStoreError>? { stored.withLock { $0 } }

    func set(_ result: Result<T, SecretStoreError>) { stored.withLock { $0 = result } }
}
