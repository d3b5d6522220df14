import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every C library call AudioCore makes goes through this file; the rest of the module sees Swift types.
enum Syscalls {
    /// `clock_gettime(CLOCK_MONOTONIC)` in nanoseconds.
    ///
    /// Real-time safe: a vDSO call, no locks, no allocation.
    static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        // CLOCK_MONOTONIC always exists; clock_gettime can only fail for an unknown clock or a bad pointer.
        _ = clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// `clock_gettime(CLOCK_REALTIME)` in nanoseconds since the Unix epoch.
    static func realtimeNanoseconds() -> Int64 {
        var time = timespec()
        _ = clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// `clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, …)`: sleeps until the monotonic clock reads `deadline`.
    ///
    /// Returns at once when the deadline has passed. An absolute deadline makes a retry after a signal (`EINTR`)
    /// exact, so the loop restarts with the same deadline rather than a recomputed interval.
    ///
    /// Real-time safe: no locks, no allocation.
    static func sleepUntilMonotonic(nanoseconds deadline: Int64) {
        #if os(Linux)
            var time = timespec(
                tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
        #else
            let remaining = deadline - monotonicNanoseconds()
            if remaining > 0 {
                var time = timespec(
                    tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
                while nanosleep(&time, &time) == -1 && errno == EINTR {}
            }
        #endif
    }

    /// Writes every byte to `fileDescriptor`, retrying short writes and `EINTR`; gives up silently on other
    /// errors, since a logger has nowhere left to report its own failure.
    static func writeAll(fileDescriptor: Int32, bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fileDescriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            next += written
            remaining -= written
        }
    }

    /// UTC calendar fields of `seconds` since the Unix epoch, through `gmtime_r`.
    static func utcCalendar(secondsSinceEpoch seconds: Int64) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        var time = time_t(seconds)
        var fields = tm()
        _ = gmtime_r(&time, &fields)
        return (
            Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday),
            Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec)
        )
    }

    /// Whether the environment variable `name` is set to `1`.
    static func environmentFlag(_ name: String) -> Bool {
        guard let value = getenv(name) else { return false }
        return String(cString: value) == "1"
    }

    /// An identifier for the calling thread (`pthread_self`), comparable between threads.
    static func currentThreadID() -> UInt {
        #if os(Linux)
            return UInt(pthread_self())
        #else
            return UInt(bitPattern: pthread_self())
        #endif
    }

    /// Starts a joinable POSIX thread running `body`.
    ///
    /// - Returns: The thread handle, or the `pthread_create` error number.
    static func startThread(name: String, body: @escaping @Sendable () -> Void) -> Result<pthread_t, ThreadError> {
        let context = Unmanaged.passRetained(ThreadContext(name: name, body: body)).toOpaque()
        #if os(Linux)
            var thread = pthread_t()
        #else
            var thread: pthread_t? = nil
        #endif
        let result = pthread_create(
            &thread, nil,
            { context in
                let box = Unmanaged<ThreadContext>.fromOpaque(context!).takeRetainedValue()
                // A name is a debugging aid; a thread that cannot take one still runs.
                _ = attendant_set_current_thread_name(box.name)
                box.body()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<ThreadContext>.fromOpaque(context).release()
            return .failure(ThreadError(code: result))
        }
        #if os(Linux)
            return .success(thread)
        #else
            return .success(thread!)
        #endif
    }

    /// Waits for `thread` to finish (`pthread_join`).
    /// `pthread_setschedparam(pthread_self(), SCHED_FIFO, priority)`: 0 on success, else the error number
    /// (`EPERM` without the right to real-time scheduling).
    static func setRealTimePriority(_ priority: Int32) -> Int32 {
        var parameters = sched_param()
        parameters.sched_priority = priority
        return pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters)
    }

    static func joinThread(_ thread: pthread_t) {
        _ = pthread_join(thread, nil)
    }

    /// `strerror` text for an error number.
    static func errorMessage(code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// What a new thread runs, carried across `pthread_create` as an opaque pointer.
private final class ThreadContext: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
