import AudioCore
import Foundation
import Synchronization
import Testing

@testable import Call

/// The multi-call scheduler and the call-side pool, with stand-in calls whose work and timing the tests control.
@Suite("Call scheduler", .serialized) struct CallSchedulerTests {
    /// A call's audio that counts its blocks, checks it is never run by two workers at once, and can be made slow
    /// on some blocks or ended.
    final class CountingAudio: ScheduledCallAudio, @unchecked Sendable {
        let blocks = Atomic<Int>(0)
        let isInside = Atomic<Bool>(false)
        let overlaps = Atomic<Int>(0)
        let isRemoved = Atomic<Bool>(false)
        let blocksAfterRemoval = Atomic<Int>(0)
        let ended = Atomic<Bool>(false)
        /// Every `slowEvery`th block sleeps for `slowSleep` (0: never).
        let slowEvery: Int
        let slowSleep: Duration
        /// Busy work per block, in microseconds.
        let spinMicroseconds: Int

        init(slowEvery: Int = 0, slowSleep: Duration = .zero, spinMicroseconds: Int = 0) {
            self.slowEvery = slowEvery
            self.slowSleep = slowSleep
            self.spinMicroseconds = spinMicroseconds
        }

        func processBlock() {
            if self.isInside.exchange(true, ordering: .acquiringAndReleasing) {
                self.overlaps.add(1, ordering: .relaxed)
            }
            let count = self.blocks.add(1, ordering: .relaxed).newValue
            if self.isRemoved.load(ordering: .acquiring) { self.blocksAfterRemoval.add(1, ordering: .relaxed) }
            if self.slowEvery > 0, count % self.slowEvery == 0 {
                Thread.sleep(forTimeInterval: self.slowSleep.secondsValue)
            }
            if self.spinMicroseconds > 0 {
                let clock = MonotonicClock()
                let end = clock.now().advanced(byNanoseconds: Int64(self.spinMicroseconds) * 1000)
                while clock.now() < end {}
            }
            self.isInside.store(false, ordering: .releasing)
        }

        var hasEnded: Bool { self.ended.load(ordering: .acquiring) }
    }

    static func configuration(workers: Int = 2) -> CallScheduler.Configuration {
        var configuration = CallScheduler.Configuration()
        configuration.capacity = 64
        configuration.workerCount = workers
        configuration.requestsRealTimePriority = false
        return configuration
    }

    @Test("Every call gets one block per tick, never two workers at once, and calls come and go while others run")
    func callsComeAndGoUnderLoad() throws {
        let scheduler = CallScheduler(configuration: Self.configuration())
        let first = (0..<20).map { _ in CountingAudio(spinMicroseconds: 20) }
        let firstSlots = first.map { scheduler.add($0)?.slot }
        try scheduler.start()
        Thread.sleep(forTimeInterval: 0.3)

        let later = (0..<10).map { _ in CountingAudio(spinMicroseconds: 20) }
        let laterSlots = later.map { scheduler.add($0)?.slot }
        let startTick = scheduler.currentTick
        // Half the first calls leave while the rest run on.
        for (audio, slot) in zip(first.prefix(10), firstSlots.prefix(10)) {
            audio.isRemoved.store(true, ordering: .releasing)
            #expect(scheduler.remove(slot: try #require(slot)) != nil)
        }
        let removedCounts = first.prefix(10).map { $0.blocks.load(ordering: .relaxed) }
        Thread.sleep(forTimeInterval: 0.4)
        scheduler.stop()
        let ticks = Int(scheduler.currentTick - startTick)

        #expect(laterSlots.allSatisfy { $0 != nil })
        for audio in first + later { #expect(audio.overlaps.load(ordering: .relaxed) == 0) }
        for (audio, count) in zip(first.prefix(10), removedCounts) {
            #expect(audio.blocks.load(ordering: .relaxed) == count, "a removed call's block ran")
        }
        // Calls added together have run the same blocks, give or take the tick the workers stopped in.
        let laterCounts = later.map { $0.blocks.load(ordering: .relaxed) }
        let remainingCounts = first.suffix(10).map { $0.blocks.load(ordering: .relaxed) }
        #expect(laterCounts.max()! - laterCounts.min()! <= 1, "\(laterCounts)")
        #expect(remainingCounts.max()! - remainingCounts.min()! <= 1, "\(remainingCounts)")
        // About one block per tick: the workers kept up (loosely: the machine may be loaded).
        #expect(laterCounts.min()! >= ticks / 2, "\(laterCounts) blocks in \(ticks) ticks")
        #expect(laterCounts.max()! <= ticks + 2, "\(laterCounts) blocks in \(ticks) ticks")
        #expect(remainingCounts.min()! > laterCounts.max()!, "the first calls started earlier")
        #expect(scheduler.statistics.activeCallCount == 20)
    }

    @Test("A block that overruns its tick is counted late, and its call catches up without losing a block")
    func lateBlocksAreCounted() throws {
        let scheduler = CallScheduler(configuration: Self.configuration(workers: 1))
        let slow = CountingAudio(slowEvery: 10, slowSleep: .milliseconds(25))
        let steady = CountingAudio()
        _ = scheduler.add(slow)
        _ = scheduler.add(steady)
        try scheduler.start()
        let startTick = scheduler.currentTick
        Thread.sleep(forTimeInterval: 0.5)
        scheduler.stop()
        let ticks = Int(scheduler.currentTick - startTick)
        let statistics = scheduler.statistics
        let slowBlocks = slow.blocks.load(ordering: .relaxed) / 10

        // Each slow block sleeps past its own deadline; the blocks behind it then finish late too.
        #expect(slowBlocks >= 2)
        #expect(statistics.lateBlockCount >= slowBlocks, "\(statistics)")
        #expect(statistics.maximumLatenessNanoseconds >= 15_000_000, "\(statistics)")
        // Catching up keeps the calls whole: both have run about as many blocks as there were ticks.
        let counts = [slow, steady].map { $0.blocks.load(ordering: .relaxed) }
        #expect(abs(counts[0] - counts[1]) <= 3, "\(counts)")
        #expect(counts.min()! >= ticks - 5, "\(counts) blocks in \(ticks) ticks")
    }

    @Test("When one worker cannot run every call in a tick, the others take their share")
    func workersShareTheLoad() throws {
        let scheduler = CallScheduler(configuration: Self.configuration(workers: 2))
        // 24 calls of 0.6 ms each: 14 ms a tick, more than one worker has.
        let calls = (0..<24).map { _ in CountingAudio(spinMicroseconds: 600) }
        for call in calls { _ = scheduler.add(call) }
        try scheduler.start()
        Thread.sleep(forTimeInterval: 0.3)
        scheduler.stop()

        let statistics = scheduler.statistics
        #expect(statistics.workerBlockCounts.count == 2)
        #expect(statistics.workerBlockCounts.allSatisfy { $0 > statistics.blockCount / 5 }, "\(statistics)")
        for call in calls { #expect(call.overlaps.load(ordering: .relaxed) == 0) }
    }

    @Test("A call whose audio has ended is not run again, and a full scheduler refuses a call")
    func endedCallsStopAndCapacityHolds() throws {
        var configuration = Self.configuration(workers: 1)
        configuration.capacity = 2
        let scheduler = CallScheduler(configuration: configuration)
        let ending = CountingAudio()
        #expect(scheduler.add(ending) != nil)
        #expect(scheduler.add(CountingAudio()) != nil)
        #expect(scheduler.add(CountingAudio()) == nil)
        try scheduler.start()
        Thread.sleep(forTimeInterval: 0.1)
        ending.ended.store(true, ordering: .releasing)
        Thread.sleep(forTimeInterval: 0.02)
        let count = ending.blocks.load(ordering: .relaxed)
        Thread.sleep(forTimeInterval: 0.1)
        scheduler.stop()
        #expect(count > 0)
        #expect(ending.blocks.load(ordering: .relaxed) == count)
    }

    /// A call side that counts its steps; one step can be made to take long.
    final class CountingSide: ScheduledCallSide, @unchecked Sendable {
        let steps = Atomic<Int>(0)
        let isInside = Atomic<Bool>(false)
        let overlaps = Atomic<Int>(0)
        let slowStep: Int?
        let ended = Atomic<Bool>(false)

        init(slowStep: Int? = nil) { self.slowStep = slowStep }

        func step() -> Bool {
            if self.isInside.exchange(true, ordering: .acquiringAndReleasing) {
                self.overlaps.add(1, ordering: .relaxed)
            }
            let count = self.steps.add(1, ordering: .relaxed).newValue
            if count == self.slowStep { Thread.sleep(forTimeInterval: 0.3) }
            self.isInside.store(false, ordering: .releasing)
            return true
        }

        var hasEnded: Bool { self.ended.load(ordering: .acquiring) }
    }

    @Test("A slow call side holds up one worker only; ended and removed sides are not stepped")
    func callSidePoolKeepsOthersGoing() {
        var configuration = CallSidePool.Configuration()
        configuration.capacity = 8
        configuration.workerCount = 2
        let pool = CallSidePool(configuration: configuration)
        let slow = CountingSide(slowStep: 3)
        let others = (0..<4).map { _ in CountingSide() }
        _ = pool.add(slow)
        let slots = others.map { pool.add($0) }
        pool.start()
        // Wait until the slow step has started, then see the others go on meanwhile.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while slow.steps.load(ordering: .relaxed) < 3, clock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
        let before = others.map { $0.steps.load(ordering: .relaxed) }
        Thread.sleep(forTimeInterval: 0.15)
        let during = others.map { $0.steps.load(ordering: .relaxed) }
        #expect(zip(before, during).allSatisfy { $1 > $0 + 5 }, "\(before) → \(during)")

        others[0].ended.store(true, ordering: .releasing)
        pool.remove(slot: slots[1]!)
        Thread.sleep(forTimeInterval: 0.02)
        let stopped = others.prefix(2).map { $0.steps.load(ordering: .relaxed) }
        Thread.sleep(forTimeInterval: 0.05)
        pool.stop()
        #expect(others.prefix(2).map { $0.steps.load(ordering: .relaxed) } == stopped)
        #expect(others[2].steps.load(ordering: .relaxed) > during[2])
        for side in [slow] + others { #expect(side.overlaps.load(ordering: .relaxed) == 0) }
    }
}
