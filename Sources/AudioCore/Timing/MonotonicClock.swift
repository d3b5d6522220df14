/// A point on the monotonic clock, in nanoseconds since an unspecified start (boot, on Linux).
public struct MonotonicInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's start.
    public var nanoseconds: Int64

    /// Makes an instant `nanoseconds` after the clock's start.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The instant `nanoseconds` later.
    ///
    /// Real-time safe: no locks, no allocation.
    public func advanced(byNanoseconds nanoseconds: Int64) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: self.nanoseconds + nanoseconds)
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    public var description: String { "\(self.nanoseconds) ns" }
}

/// What a `BlockPacer` needs from a clock: the time, and a sleep until an absolute deadline.
///
/// `MonotonicClock` is the real one; tests supply a clock they move by hand, so that pacing logic is checked
/// without depending on how fast the machine is.
public protocol PacerClock {
    /// The current time.
    ///
    /// Real-time safe: no locks, no allocation.
    func now() -> MonotonicInstant

    /// Returns at or after `deadline`, at once if it has passed.
    ///
    /// Real-time safe: no locks, no allocation (it sleeps, which is the point of a paced thread).
    mutating func sleep(until deadline: MonotonicInstant)
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`), which never jumps when the wall clock is set.
public struct MonotonicClock: PacerClock, Sendable {
    /// Makes the clock; it holds no state.
    ///
    /// Real-time safe: no locks, no allocation.
    public init() {}

    /// The current time, from `clock_gettime(CLOCK_MONOTONIC)`.
    ///
    /// Real-time safe: no locks, no allocation.
    public func now() -> MonotonicInstant {
        MonotonicInstant(nanoseconds: Syscalls.monotonicNanoseconds())
    }

    /// Sleeps with `clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, …)` until `deadline`.
    ///
    /// An absolute deadline does not drift: time spent before the call, or a signal that wakes the thread early,
    /// does not move the wake-up.
    ///
    /// Real-time safe: no locks, no allocation.
    public func sleep(until deadline: MonotonicInstant) {
        Syscalls.sleepUntilMonotonic(nanoseconds: deadline.nanoseconds)
    }
}
