#if canImport(Glibc)
    import Glibc
#endif

/// A value behind a pthread mutex, for state the control side shares between threads (caches, pools).
///
/// Synchronization's `Mutex` locks with raw futex calls on Linux, which ThreadSanitizer does not see: it reports
/// every access made under such a lock as a race, which hides real ones. A pthread mutex is what ThreadSanitizer
/// models, so control-side state that the concurrency tests exercise under it uses this type.
///
/// Not real-time safe: locks. Never use it on the audio path.
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched between pthread_mutex_lock and pthread_mutex_unlock.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ value: Value) {
        self.value = value
        self.mutex = .allocate(capacity: 1)
        self.mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(self.mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(self.mutex)
        self.mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(self.mutex)
        defer { pthread_mutex_unlock(self.mutex) }
        return try body(&self.value)
    }
}
