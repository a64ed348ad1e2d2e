import CLibsecret
import Glibc
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
/// or an unanswered prompt; the caller must not. A plain POSIX thread and
/// semaphore keep this cheap on the token helper's path (no dispatch pool).
struct BoundedRunner: Sendable {
    var seconds: Double

    func run<T: Sendable>(
        _ work: @escaping @Sendable (Cancellation) throws(SecretStoreError) -> T
    ) throws(SecretStoreError) -> T {
        let cancellation = Cancellation()
        let job = Job<T> { () throws(SecretStoreError) -> T in try work(cancellation) }
        guard job.start() else {
            throw SecretStoreError(store: .keyring, reason: .failed("cannot start a thread"))
        }
        if !job.wait(seconds: max(seconds, 0)) {
            cancellation.cancel()
            // The work may have finished between the deadline and the cancel.
            guard let late = job.outcome else {
                throw SecretStoreError(store: .keyring, reason: .timedOut(seconds: seconds))
            }
            return try late.get()
        }
        guard let result = job.outcome else {
            throw SecretStoreError(store: .keyring, reason: .failed("the keyring call ended early"))
        }
        return try result.get()
    }
}

/// One piece of work on a detached thread, its result handed over under a lock
/// and its end signalled through a POSIX semaphore.
private final class Job<T: Sendable>: Sendable {
    private let work: @Sendable () throws(SecretStoreError) -> T
    private let stored = Mutex<Result<T, SecretStoreError>?>(nil)
    /// Allocated, not a stored `sem_t`, so its address never moves; freed
    /// with the job, which the thread keeps alive until it posts.
    private nonisolated(unsafe) let done: UnsafeMutablePointer<sem_t>

    init(_ work: @escaping @Sendable () throws(SecretStoreError) -> T) {
        self.work = work
        done = .allocate(capacity: 1)
        sem_init(done, 0, 0)
    }

    deinit {
        sem_destroy(done)
        done.deallocate()
    }

    var outcome: Result<T, SecretStoreError>? { stored.withLock { $0 } }

    func start() -> Bool {
        startThread { self.execute() }
    }

    private func execute() {
        let result = Result { () throws(SecretStoreError) -> T in try work() }
        stored.withLock { $0 = result }
        sem_post(done)
    }

    /// Waits for the work; `false` when `seconds` passed first.
    func wait(seconds: Double) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let whole = Int(seconds)
        deadline.tv_sec += whole
        deadline.tv_nsec += Int((seconds - Double(whole)) * 1_000_000_000)
        if deadline.tv_nsec >= 1_000_000_000 {
            deadline.tv_sec += 1
            deadline.tv_nsec -= 1_000_000_000
        }
        while sem_timedwait(done, &deadline) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }
}

/// The body of a detached thread; non-generic so a C function can run it.
private final class ThreadBody {
    let run: () -> Void

    init(_ run: @escaping () -> Void) {
        self.run = run
    }
}

/// Starts `body` on a new detached POSIX thread; `false` when none could start.
private func startThread(_ body: @escaping () -> Void) -> Bool {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    guard pthread_create(&thread, nil, runThreadBody, context) == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return false
    }
    pthread_detach(thread)
    return true
}

private func runThreadBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
    return nil
}
