import Glibc
import Testing

@testable import AudioCore

/// A clock the test moves by hand: sleeping jumps to the deadline, "work" and stalls advance it explicitly.
final class ManualTimeline {
    var now: Int64 = 1_000_000_000
}

struct ManualClock: PacerClock {
    let timeline: ManualTimeline

    func now() -> MonotonicInstant { MonotonicInstant(nanoseconds: self.timeline.now) }

    mutating func sleep(until deadline: MonotonicInstant) {
        self.timeline.now = max(self.timeline.now, deadline.nanoseconds)
    }
}

@Suite("Block pacer")
struct BlockPacerTests {
    static let interval: Int64 = 10_000_000

    func makePacer() -> (BlockPacer<ManualClock>, ManualTimeline) {
        let timeline = ManualTimeline()
        return (BlockPacer(intervalNanoseconds: Self.interval, clock: ManualClock(timeline: timeline)), timeline)
    }

    @Test("Ticks land on absolute deadlines, so time spent working does not drift the schedule")
    func noDrift() {
        var (pacer, timeline) = self.makePacer()
        let start = timeline.now
        pacer.waitForNextTick()
        for tick in 1...100 {
            timeline.now += 3_000_000  // three milliseconds of work per block
            #expect(pacer.waitForNextTick() == .onTime)
            #expect(timeline.now == start + Int64(tick) * Self.interval)
        }
        #expect(pacer.statistics.tickCount == 101)
        #expect(pacer.statistics.lateTickCount == 0)
    }

    @Test("A slightly late tick returns at once and the schedule catches up on the same grid")
    func lateTickCatchesUp() {
        var (pacer, timeline) = self.makePacer()
        let start = timeline.now
        pacer.waitForNextTick()
        timeline.now += 15_000_000  // one and a half blocks of work
        #expect(pacer.waitForNextTick() == .late(nanoseconds: 5_000_000))
        #expect(timeline.now == start + 15_000_000)
        #expect(pacer.waitForNextTick() == .onTime)
        #expect(timeline.now == start + 2 * Self.interval)
        #expect(pacer.statistics.lateTickCount == 1)
        #expect(pacer.statistics.resynchronizationCount == 0)
    }

    @Test("A stall longer than three blocks is counted and resynchronises instead of bursting")
    func stallResynchronizes() {
        var (pacer, timeline) = self.makePacer()
        pacer.waitForNextTick()
        timeline.now += 55_000_000  // stalled for five and a half blocks
        let stalledAt = timeline.now

        #expect(pacer.waitForNextTick() == .resynchronized(skippedTickCount: 4))
        #expect(pacer.nextDeadline == MonotonicInstant(nanoseconds: stalledAt + Self.interval))
        // No burst: the next tick waits a whole interval.
        #expect(pacer.waitForNextTick() == .onTime)
        #expect(timeline.now == stalledAt + Self.interval)
        #expect(pacer.statistics.lateTickCount == 1)
        #expect(pacer.statistics.resynchronizationCount == 1)
        #expect(pacer.statistics.skippedTickCount == 4)
    }

    @Test("On the real monotonic clock, a forced stall counts a late tick and restarts the schedule from now")
    func realClockStall() {
        var pacer = BlockPacer(block: .graph)
        let clock = MonotonicClock()
        pacer.waitForNextTick()
        pacer.waitForNextTick()
        usleep(50_000)  // at least five blocks: past the three-block threshold however slow the machine is
        let beforeTick = clock.now()

        let tick = pacer.waitForNextTick()
        guard case .resynchronized(let skipped) = tick else {
            Issue.record("expected a resynchronisation, got \(tick)")
            return
        }
        #expect(skipped >= 3)
        #expect(pacer.statistics.lateTickCount >= 1)
        #expect(pacer.statistics.resynchronizationCount == 1)
        #expect(pacer.nextDeadline! > beforeTick)
    }

    @Test("A non-positive interval traps")
    func zeroIntervalTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = BlockPacer(intervalNanoseconds: 0, clock: MonotonicClock())
        }
    }
}
