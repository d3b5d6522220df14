#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain POSIX thread for audio work: device I/O, a paced graph, a test's producer or consumer.
///
/// Audio runs on plain threads fed by ring buffers, never on Swift concurrency's cooperative pool, where a
/// blocked or late task would stall unrelated work and a suspension point could land in the middle of a block.
///
/// Not real-time safe: start and join from the control thread.
public final class AudioThread: Sendable {
    /// The name given at start, truncated to 15 bytes in the kernel's view.
    public let name: String

    private let thread: pthread_t

    private init(name: String, thread: pthread_t) {
        self.name = name
        self.thread = thread
    }

    /// Starts a thread running `body`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameters:
    ///   - name: A short name for `top -H` and debuggers.
    ///   - body: The thread's work; the thread ends when it returns.
    /// - Returns: The running thread; call `join()` before dropping the last reference you care about.
    /// - Throws: `ThreadError` with the `pthread_create` error number.
    public static func start(name: String, body: @escaping @Sendable () -> Void) throws(ThreadError) -> AudioThread {
        switch Syscalls.startThread(name: name, body: body) {
        case .success(let thread):
            return AudioThread(name: name, thread: thread)
        case .failure(let error):
            throw error
        }
    }

    /// Waits until the thread's body has returned.
    ///
    /// Not real-time safe: control thread only. Call at most once.
    public func join() {
        Syscalls.joinThread(self.thread)
    }

    /// The real-time priority audio threads ask for: low in SCHED_FIFO's 1–99, above every normal thread and below
    /// the kernel's own.
    public static let realTimePriority: Int32 = 10

    /// Asks for SCHED_FIFO scheduling for the calling thread, so that ordinary work on the machine cannot delay its
    /// blocks. It needs root or `CAP_SYS_NICE` (or an `rtprio` limit); without them the thread keeps its normal
    /// priority.
    ///
    /// Not real-time safe in itself (a system call); call once, at the start of the thread.
    ///
    /// - Parameter priority: SCHED_FIFO's 1–99; `realTimePriority` unless a thread must yield to the audio threads.
    /// - Returns: `nil` when granted, or why not.
    public static func requestRealTimePriority(_ priority: Int32 = realTimePriority) -> String? {
        let code = Syscalls.setRealTimePriority(priority)
        return code == 0 ? nil : Syscalls.errorMessage(code: code)
    }

    /// An identifier for the calling thread, equal between two calls on the same thread.
    ///
    /// Real-time safe: no locks, no allocation.
    public static var currentID: UInt { Syscalls.currentThreadID() }
}

/// A thread could not be started.
public struct ThreadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `pthread_create` error number, such as `EAGAIN` when the process is out of threads.
    public let code: Int32

    public var description: String {
        "could not start a thread: \(Syscalls.errorMessage(code: self.code)) (error \(self.code)); "
            + "check the process thread limit (ulimit -u)"
    }
}
