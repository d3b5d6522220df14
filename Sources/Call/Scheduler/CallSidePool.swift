import AudioCore
import Foundation
import Synchronization

/// A call's call side as the pool runs it: recognition, the dialogue, the store and synthesis, a step at a time.
protocol ScheduledCallSide: AnyObject {
    /// Does the work waiting for the call (its block reports so far, the agent's audio to top up), and ends the
    /// call when its dialogue does.
    ///
    /// Not real-time safe: decodes, writes the store and synthesizes. A pool worker only, one at a time.
    ///
    /// - Returns: whether there was anything to do.
    func step() -> Bool

    /// Whether the call side has finished: the pool stops stepping it and it waits to be removed.
    ///
    /// Any thread.
    var hasEnded: Bool { get }
}

/// The call sides of many calls on a fixed pool of threads at normal priority, below the audio workers
/// (`CallScheduler`): each worker goes round the calls, claims the next one not being stepped by another worker and
/// steps it, and sleeps a moment when a whole round found nothing to do.
///
/// A call side's step is seconds of audio's work at most (a turn's last decode, a prompt's synthesis), so a slow
/// step holds up only the worker doing it; the other workers go on round the other calls.
///
/// Not real-time safe: everything here blocks, allocates and decodes. `start`, `add`, `remove` and `stop` are for
/// the control thread.
final class CallSidePool: @unchecked Sendable {
    struct Configuration: Sendable {
        var capacity = 512
        /// Worker threads: no more than the machine's cores.
        var workerCount = ProcessInfo.processInfo.activeProcessorCount
        /// How long a worker sleeps after a round with nothing to do.
        var idleWait: Duration = .milliseconds(2)
    }

    private final class Entry: @unchecked Sendable {
        let side: any ScheduledCallSide
        init(side: any ScheduledCallSide) { self.side = side }
    }

    let configuration: Configuration
    private let table: CallSlotTable<Entry>
    private let isRunning = Atomic<Bool>(false)
    private var threads: [Thread] = []
    private let group = DispatchGroup()
    /// Steps that did something, over every worker.
    private let busySteps = Atomic<Int>(0)

    init(configuration: Configuration = Configuration()) {
        precondition(configuration.workerCount >= 1, "a pool has at least one worker")
        self.configuration = configuration
        self.table = CallSlotTable(capacity: configuration.capacity)
    }

    /// Starts the workers.
    ///
    /// Not real-time safe: control thread only.
    func start() {
        precondition(self.threads.isEmpty, "a pool starts once")
        self.isRunning.store(true, ordering: .releasing)
        for index in 0..<self.configuration.workerCount {
            self.group.enter()
            let thread = Thread { [self] in
                self.runWorker(index)
                self.group.leave()
            }
            thread.name = "call-side-\(index)"
            self.threads.append(thread)
            thread.start()
        }
    }

    /// Stops the workers after their current step and waits for them.
    ///
    /// Not real-time safe: control thread only.
    func stop() {
        self.isRunning.store(false, ordering: .releasing)
        self.group.wait()
        self.threads = []
    }

    /// Adds a call side; a worker steps it within a round.
    ///
    /// - Returns: its slot, for `remove(slot:)`; `nil` when the pool is full.
    func add(_ side: any ScheduledCallSide) -> Int? { self.table.add(Entry(side: side)) }

    /// Takes a call side out, waiting for a worker stepping it to finish the step.
    func remove(slot: Int) { self.table.remove(at: slot) }

    /// Call sides in the pool now.
    var activeCount: Int { self.table.activeCount }

    /// CPU time the workers used, in seconds, once they have stopped.
    var workerCPUSeconds: Double { Double(self.cpuMicroseconds.load(ordering: .relaxed)) / 1e6 }
    private let cpuMicroseconds = Atomic<Int>(0)

    /// Steps that found work, over every worker so far.
    var busyStepCount: Int { self.busySteps.load(ordering: .relaxed) }

    private func runWorker(_ workerIndex: Int) {
        var offset = workerIndex
        while self.isRunning.load(ordering: .acquiring) {
            let count = self.table.usedSlotCount
            var didWork = false
            for step in 0..<count {
                let slot = (offset + step) % count
                let worked = self.table.withClaim(at: slot) { entry in
                    entry.side.hasEnded ? false : entry.side.step()
                }
                if worked == true {
                    didWork = true
                    self.busySteps.add(1, ordering: .relaxed)
                }
            }
            // Start the next round one further on, so that no call is always the last one looked at.
            offset = count > 0 ? (offset + 1) % count : 0
            if !didWork { Thread.sleep(forTimeInterval: self.configuration.idleWait.secondsValue) }
        }
        self.cpuMicroseconds.add(Int(ProcessUsage.threadCPUSeconds() * 1e6), ordering: .relaxed)
    }
}
