import Synchronization

/// Wakes a thread once per block on absolute deadlines, so that a file- or network-fed graph runs at real time.
///
/// Deadlines are `start + k × interval`, never "now + interval": a tick that runs a little late does not push
/// every later tick back, so the long-run rate is exact. A tick whose deadline has already passed when the thread
/// asks for it is *late*; it returns at once and is counted. Small lateness is caught up by returning the next
/// ticks at once. Lateness beyond `resynchronizationThreshold` (a stall: the machine was suspended, the thread was
/// starved) is not caught up, since bursting out dozens of blocks would only flood the next stage; the pacer
/// skips the missed deadlines, counts them, and restarts the schedule from now.
///
/// The pacer itself belongs to the ticking thread; its `statistics` may be read from any thread.
public struct BlockPacer<Clock: PacerClock> {
    /// Time between ticks, in nanoseconds.
    public let intervalNanoseconds: Int64

    /// How late a tick may be, in nanoseconds, before the pacer gives up catching up and restarts its schedule.
    public let resynchronizationThreshold: Int64

    /// Counters for the control side.
    public let statistics: PacerStatistics

    /// The deadline of the next tick, or `nil` before the first one.
    ///
    /// Real-time safe: no locks, no allocation. Ticking thread only.
    public private(set) var nextDeadline: MonotonicInstant?

    private var clock: Clock

    /// Makes a pacer that ticks every `intervalNanoseconds` on `clock`.
    ///
    /// Not real-time safe: control thread only; allocates the statistics.
    ///
    /// - Parameters:
    ///   - intervalNanoseconds: Time between ticks, above 0.
    ///   - resynchronizationBlockCount: Blocks of lateness after which the schedule restarts instead of catching
    ///     up; at least 1.
    ///   - clock: The clock to read and sleep on.
    public init(intervalNanoseconds: Int64, resynchronizationBlockCount: Int = 3, clock: Clock) {
        precondition(intervalNanoseconds > 0, "a pacer interval must be positive, not \(intervalNanoseconds) ns")
        precondition(resynchronizationBlockCount >= 1, "resynchronise after at least one block")
        self.intervalNanoseconds = intervalNanoseconds
        self.resynchronizationThreshold = intervalNanoseconds * Int64(resynchronizationBlockCount)
        self.statistics = PacerStatistics()
        self.clock = clock
    }

    /// Waits for the next tick.
    ///
    /// The first call starts the schedule: it returns at once and sets the next deadline one interval later.
    ///
    /// Real-time safe: no locks, no allocation. Ticking thread only.
    ///
    /// - Returns: What happened: on time, late, or resynchronised after a stall.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func waitForNextTick() -> PacerTick {
        let now = self.clock.now()
        guard let deadline = self.nextDeadline else {
            self.nextDeadline = now.advanced(byNanoseconds: self.intervalNanoseconds)
            self.statistics.recordTick()
            return .onTime
        }

        let lateness = now.nanoseconds - deadline.nanoseconds
        if lateness <= 0 {
            self.clock.sleep(until: deadline)
            self.nextDeadline = deadline.advanced(byNanoseconds: self.intervalNanoseconds)
            self.statistics.recordTick()
            return .onTime
        }

        if lateness < self.resynchronizationThreshold {
            self.nextDeadline = deadline.advanced(byNanoseconds: self.intervalNanoseconds)
            self.statistics.recordLateTick()
            return .late(nanoseconds: lateness)
        }

        // The deadline passed and every deadline up to now was missed; this tick stands for the first of them.
        let skippedTickCount = Int(lateness / self.intervalNanoseconds)
        self.nextDeadline = now.advanced(byNanoseconds: self.intervalNanoseconds)
        self.statistics.recordResynchronization(skippedTickCount: skippedTickCount)
        return .resynchronized(skippedTickCount: skippedTickCount)
    }
}

extension BlockPacer where Clock == MonotonicClock {
    /// Makes a pacer that ticks once per `block` on the system's monotonic clock.
    ///
    /// Not real-time safe: control thread only; allocates the statistics.
    public init(block: BlockDuration, resynchronizationBlockCount: Int = 3) {
        self.init(
            intervalNanoseconds: block.nanoseconds, resynchronizationBlockCount: resynchronizationBlockCount,
            clock: MonotonicClock())
    }
}

/// How one tick of a `BlockPacer` went.
public enum PacerTick: Hashable, Sendable {
    /// The tick's deadline had not passed; the thread slept until it.
    case onTime

    /// The deadline had passed by `nanoseconds`, less than the resynchronisation threshold; no sleep.
    case late(nanoseconds: Int64)

    /// The deadline had passed by more than the threshold; `skippedTickCount` deadlines were dropped and the
    /// schedule restarted from now.
    case resynchronized(skippedTickCount: Int)
}

/// Counters of a `BlockPacer`, readable from any thread.
public final class PacerStatistics: Sendable {
    private let ticks = Atomic<Int>(0)
    private let lateTicks = Atomic<Int>(0)
    private let resynchronizations = Atomic<Int>(0)
    private let skippedTicks = Atomic<Int>(0)

    init() {}

    /// Ticks returned, on time or not.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var tickCount: Int { self.ticks.load(ordering: .relaxed) }

    /// Ticks whose deadline had already passed, including those that resynchronised.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var lateTickCount: Int { self.lateTicks.load(ordering: .relaxed) }

    /// Times the schedule restarted after a stall.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var resynchronizationCount: Int { self.resynchronizations.load(ordering: .relaxed) }

    /// Deadlines dropped by resynchronising.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var skippedTickCount: Int { self.skippedTicks.load(ordering: .relaxed) }

    // Relaxed throughout: statistics; nothing is ordered by them.

    func recordTick() {
        self.ticks.add(1, ordering: .relaxed)
    }

    func recordLateTick() {
        self.ticks.add(1, ordering: .relaxed)
        self.lateTicks.add(1, ordering: .relaxed)
    }

    func recordResynchronization(skippedTickCount: Int) {
        self.recordLateTick()
        self.resynchronizations.add(1, ordering: .relaxed)
        self.skippedTicks.add(skippedTickCount, ordering: .relaxed)
    }
}
