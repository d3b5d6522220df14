import AudioCore
import Foundation
import Synchronization

/// A call's audio as the scheduler runs it: one block per tick.
///
/// `processBlock` is real-time safe: no locks, no allocation, no logging, nothing thrown.
protocol ScheduledCallAudio: AnyObject {
    /// Runs the call's next block: its packets in, its front end, its agent audio out.
    ///
    /// Real-time safe: no locks, no allocation. A scheduler worker only, one at a time.
    func processBlock()

    /// Whether the call's audio has ended: the scheduler stops running it and it waits to be removed.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    var hasEnded: Bool { get }
}

/// Many calls' audio on a fixed pool of worker threads: every tick (10 ms), each active call's next block is run
/// by whichever worker claims it first, before the tick's deadline.
///
/// The workers share one claim cursor per tick, so a worker with slow calls leaves the rest to the others and load
/// balances itself; a call is never run by two workers at once (`CallSlotTable`'s claim). A block finished after
/// its deadline (the start of the next tick) is counted late. A call whose worker fell behind catches up on its own
/// missed blocks at its next claim, in order, so its audio stays whole; they count as late. Calls are added and
/// removed by the control thread while the workers run, without stopping any other call.
///
/// The workers ask for real-time priority (SCHED_FIFO) when `requestsRealTimePriority` is set; without the right to
/// it they run at normal priority and the scheduler says so in `realTimePriorityRefusal`.
///
/// Not real-time safe: `start`, `add`, `remove` and `stop` are for the control thread; the workers run the calls
/// real-time safe.
final class CallScheduler: @unchecked Sendable {
    struct Configuration: Sendable {
        /// The most calls at once.
        var capacity = 512
        /// Worker threads: no more than the machine's cores.
        var workerCount = ProcessInfo.processInfo.activeProcessorCount
        /// The tick: one block of every call.
        var blockDuration: Duration = .milliseconds(10)
        var requestsRealTimePriority = true
    }

    /// A call in the scheduler, with the tick its next block belongs to.
    private final class Entry: @unchecked Sendable {
        let audio: any ScheduledCallAudio
        /// The tick the call's next block belongs to; read and written only by the worker holding the slot's claim.
        var nextTick: Int64
        let blockCount = Atomic<Int>(0)
        let lateBlockCount = Atomic<Int>(0)

        init(audio: any ScheduledCallAudio, firstTick: Int64) {
            self.audio = audio
            self.nextTick = firstTick
        }
    }

    /// What the scheduler has done so far; every count since `start`.
    struct Statistics: Sendable, Hashable {
        /// Blocks run, over every call.
        var blockCount = 0
        /// Blocks finished after their deadline.
        var lateBlockCount = 0
        /// The latest any block finished after its deadline, in nanoseconds.
        var maximumLatenessNanoseconds: Int64 = 0
        /// Ticks each worker ran, and blocks it ran: how the load was shared.
        var workerTickCounts: [Int] = []
        var workerBlockCounts: [Int] = []
        /// Ticks a worker skipped because it was more than a few ticks behind (its calls caught up later).
        var skippedTickCount = 0
        /// Calls in the scheduler now.
        var activeCallCount = 0
        /// CPU time the workers used, in seconds, once they have stopped.
        var workerCPUSeconds = 0.0
    }

    /// Counters one worker keeps, readable from the control thread.
    private final class WorkerCounters: Sendable {
        let ticks = Atomic<Int>(0)
        let blocks = Atomic<Int>(0)
        let lateBlocks = Atomic<Int>(0)
        let maximumLateness = Atomic<Int64>(0)
        let skippedTicks = Atomic<Int>(0)
        /// The worker's thread CPU time in microseconds, written as it stops.
        let cpuMicroseconds = Atomic<Int>(0)
    }

    let configuration: Configuration
    private let table: CallSlotTable<Entry>
    private let intervalNanoseconds: Int64
    private let counters: [WorkerCounters]
    /// The claim cursor: the tick in the high bits, the next slot to claim in the low `indexBits`.
    private let cursor = Atomic<Int>(0)
    private static let indexBits = 20
    private let isRunning = Atomic<Bool>(false)
    private var startNanoseconds: Int64 = 0
    private var threads: [AudioThread] = []
    /// Why the workers run without real-time priority, when they asked for it and were refused.
    private let refusal = Mutex<String?>(nil)

    /// Prepares the table and the counters; no thread runs until `start`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    init(configuration: Configuration = Configuration()) {
        precondition(configuration.workerCount >= 1, "a scheduler has at least one worker")
        precondition(configuration.capacity < 1 << Self.indexBits, "at most \(1 << Self.indexBits) calls")
        self.configuration = configuration
        self.table = CallSlotTable(capacity: configuration.capacity)
        self.intervalNanoseconds = Int64(configuration.blockDuration.secondsValue * 1e9)
        self.counters = (0..<configuration.workerCount).map { _ in WorkerCounters() }
    }

    /// Starts the workers; the first tick is now.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `ThreadError` when a worker cannot be started (those already started are stopped).
    func start() throws(ThreadError) {
        precondition(self.threads.isEmpty, "a scheduler starts once")
        self.startNanoseconds = MonotonicClock().now().nanoseconds
        self.isRunning.store(true, ordering: .releasing)
        for index in 0..<self.configuration.workerCount {
            do {
                self.threads.append(
                    try AudioThread.start(name: "calls-\(index)") { [self] in self.runWorker(index) })
            } catch {
                self.stop()
                throw error
            }
        }
    }

    /// Stops the workers after their current tick and waits for them. The calls stay in the table.
    ///
    /// Not real-time safe: control thread only.
    func stop() {
        self.isRunning.store(false, ordering: .releasing)
        self.threads.forEach { $0.join() }
        self.threads = []
    }

    /// Why the workers run at normal priority though they asked for real-time priority; `nil` when granted or not
    /// asked.
    var realTimePriorityRefusal: String? { self.refusal.withLock { $0 } }

    /// Adds a call: its first block is the next tick's.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the call's slot, for `remove(slot:)`, and the tick of its first block; `nil` when the scheduler is
    ///   full.
    func add(_ audio: any ScheduledCallAudio) -> (slot: Int, firstTick: Int64)? {
        let firstTick = self.currentTick + 1
        return self.table.add(Entry(audio: audio, firstTick: firstTick)).map { ($0, firstTick) }
    }

    /// Takes a call out, waiting for a worker running its block to finish it.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: blocks run for the call, and of them late; `nil` for a free slot.
    @discardableResult
    func remove(slot: Int) -> (blockCount: Int, lateBlockCount: Int)? {
        guard let entry = self.table.remove(at: slot) else { return nil }
        return (entry.blockCount.load(ordering: .relaxed), entry.lateBlockCount.load(ordering: .relaxed))
    }

    /// The tick now, counted from `start`.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    var currentTick: Int64 {
        guard self.startNanoseconds > 0 else { return 0 }
        return (MonotonicClock().now().nanoseconds - self.startNanoseconds) / self.intervalNanoseconds
    }

    /// When `tick` begins on the monotonic clock.
    ///
    /// Real-time safe: no locks, no allocation. Any thread, after `start`.
    func instant(ofTick tick: Int64) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: self.startNanoseconds + tick * self.intervalNanoseconds)
    }

    /// The counters so far.
    ///
    /// Not real-time safe: allocates the snapshot. Control thread.
    var statistics: Statistics {
        var statistics = Statistics()
        for counters in self.counters {
            let blocks = counters.blocks.load(ordering: .relaxed)
            statistics.blockCount += blocks
            statistics.lateBlockCount += counters.lateBlocks.load(ordering: .relaxed)
            statistics.maximumLatenessNanoseconds = max(
                statistics.maximumLatenessNanoseconds, counters.maximumLateness.load(ordering: .relaxed))
            statistics.workerTickCounts.append(counters.ticks.load(ordering: .relaxed))
            statistics.workerBlockCounts.append(blocks)
            statistics.skippedTickCount += counters.skippedTicks.load(ordering: .relaxed)
            statistics.workerCPUSeconds += Double(counters.cpuMicroseconds.load(ordering: .relaxed)) / 1e6
        }
        statistics.activeCallCount = self.table.activeCount
        return statistics
    }

    /// A worker: sleeps to each tick, then claims and runs calls until the tick has none left.
    ///
    /// Real-time safe after its first line: no locks, no allocation.
    private func runWorker(_ workerIndex: Int) {
        if self.configuration.requestsRealTimePriority, let refusal = AudioThread.requestRealTimePriority() {
            self.refusal.withLock { $0 = refusal }
        }
        let clock = MonotonicClock()
        let counters = self.counters[workerIndex]
        var tick: Int64 = 0
        while self.isRunning.load(ordering: .acquiring) {
            clock.sleep(until: MonotonicInstant(nanoseconds: self.startNanoseconds + tick * self.intervalNanoseconds))
            counters.ticks.add(1, ordering: .relaxed)
            while let slot = self.claimSlot(tick: tick) {
                _ = self.table.withClaim(at: slot) { entry in self.run(entry, upTo: tick, clock: clock, counters) }
            }
            // A worker more than a few ticks behind (starved) jumps to now; the calls catch up their own blocks.
            let now = self.currentTick
            if now > tick + 3 {
                counters.skippedTicks.add(Int(now - tick - 1), ordering: .relaxed)
                tick = now
            } else {
                tick += 1
            }
        }
        counters.cpuMicroseconds.store(Int(ProcessUsage.threadCPUSeconds() * 1e6), ordering: .relaxed)
    }

    /// Runs the call's blocks up to and including `tick`'s, counting those that finish after their deadline.
    @inline(__always)
    private func run(_ entry: Entry, upTo tick: Int64, clock: MonotonicClock, _ counters: WorkerCounters) {
        while entry.nextTick <= tick, !entry.audio.hasEnded {
            entry.audio.processBlock()
            let deadline = self.startNanoseconds + (entry.nextTick + 1) * self.intervalNanoseconds
            let lateness = clock.now().nanoseconds - deadline
            if lateness > 0 {
                entry.lateBlockCount.add(1, ordering: .relaxed)
                counters.lateBlocks.add(1, ordering: .relaxed)
                if lateness > counters.maximumLateness.load(ordering: .relaxed) {
                    counters.maximumLateness.store(lateness, ordering: .relaxed)
                }
            }
            entry.nextTick += 1
            entry.blockCount.add(1, ordering: .relaxed)
            counters.blocks.add(1, ordering: .relaxed)
        }
    }

    /// The next slot to run at `tick`, or `nil` when every used slot has been handed out for it (or a later tick
    /// has begun: this worker is behind and moves on).
    ///
    /// Real-time safe: no locks, no allocation.
    @inline(__always)
    private func claimSlot(tick: Int64) -> Int? {
        let mask = (1 << Self.indexBits) - 1
        let limit = self.table.usedSlotCount
        var current = self.cursor.load(ordering: .relaxed)
        while true {
            let cursorTick = Int64(current >> Self.indexBits)
            let index: Int
            if cursorTick < tick {
                index = 0
            } else if cursorTick == tick {
                index = current & mask
            } else {
                return nil
            }
            guard index < limit else { return nil }
            let desired = Int(tick) << Self.indexBits | (index + 1)
            let (exchanged, original) = self.cursor.compareExchange(
                expected: current, desired: desired, ordering: .relaxed)
            if exchanged { return index }
            current = original
        }
    }
}
