import AudioCore
import Foundation
import Practice
import Recognition
import Synchronization

/// Many synthetic calls through the real engine on the real clock (`attendant bench`): `callCount` scripted callers
/// on packet phones, staggered, each replaced by a caller with the next scenario when its call ends, carried by one
/// `CallScheduler` (the calls' audio), one `CallSidePool` (their call sides) and a thread of synthetic callers, and
/// measured: CPU, late blocks, packets, turn latency, barge-in, memory and outcomes.
///
/// Not real-time safe: the control thread sets calls up, scores them and samples the process. Call `run` from a
/// plain thread; it blocks for the run's duration.
public enum CallBench {
    /// A snapshot for a progress line, about once a second.
    public struct Progress: Sendable {
        public var elapsedSeconds: Double
        public var callsInProgress: Int
        public var endedCalls: Int
        public var passedCalls: Int
        public var lateBlocks: Int
        public var residentMegabytes: Double
    }

    /// Runs the bench.
    ///
    /// - Parameter progress: told about once a second on the calling thread.
    /// - Throws: `CallError` when the bench cannot start (no scenarios, no threads, a call that cannot be set up);
    ///   a call that goes wrong is a failed call in the report.
    public static func run(
        _ configuration: CallBenchConfiguration, progress: ((Progress) -> Void)? = nil
    ) throws(CallError) -> CallBenchReport {
        guard !configuration.scenarios.isEmpty else { throw .script(path: "the bench", reason: "no scenarios to play") }
        let run = try BenchRun(configuration)
        return try run.run(progress: progress)
    }
}

/// One bench run's state on the control thread.
private final class BenchRun {
    let configuration: CallBenchConfiguration
    let shared: BenchCall.Shared
    let scheduler: CallScheduler
    let pool: CallSidePool
    let callers: CallSlotTable<SyntheticCaller>
    let recognizers: RecognizerPool
    let playedPrompts = PromptSamplesCache()

    /// A call in progress and where it sits in the three tables.
    struct Running {
        var call: BenchCall
        var schedulerSlot: Int
        var poolSlot: Int
        var callerSlot: Int
        var startTick: Int64
    }

    var running: [Running] = []
    var report: CallBenchReport
    var nextScenario = 0
    var latencies: [Double] = []
    var bargeIns: [Double] = []

    init(_ configuration: CallBenchConfiguration) throws(CallError) {
        self.configuration = configuration
        var replay = ReplayConfiguration()
        replay.practice = configuration.practice
        replay.line = configuration.line
        replay.promptCache = configuration.promptCache
        var settings = replay.call
        // Every call hears every scenario's patient, as a desk hears every patient in its schedule, so the calls
        // share the pool's name recognizers instead of each replacing their names with its own.
        let patientNames = Array(Set(configuration.scenarios.compactMap(\.patient?.name))).sorted()
        self.recognizers = RecognizerPool(
            capacity: configuration.effectiveRecognizerCapacity, waitLimit: .milliseconds(250),
            names: configuration.practice.doctors.map(\.name) + patientNames)
        settings.recognizerPool = self.recognizers
        settings.playedPrompts = self.playedPrompts
        self.shared = BenchCall.Shared(
            settings: settings, patientNames: patientNames, recordings: RecordingCache(),
            lossPercentage: configuration.lossPercentage,
            baseDelayTicks: Int64(configuration.baseDelay / .milliseconds(10)),
            jitterTicks: Int64(configuration.jitter / .milliseconds(10)),
            callerOpusComplexity: configuration.callerOpusComplexity, reaction: configuration.callerReaction)
        let capacity = configuration.callCount + 8
        var schedulerConfiguration = CallScheduler.Configuration()
        schedulerConfiguration.capacity = capacity
        schedulerConfiguration.workerCount = configuration.workerCount
        schedulerConfiguration.requestsRealTimePriority = configuration.requestsRealTimePriority
        self.scheduler = CallScheduler(configuration: schedulerConfiguration)
        var poolConfiguration = CallSidePool.Configuration()
        poolConfiguration.capacity = capacity
        poolConfiguration.workerCount = configuration.callSideWorkerCount
        self.pool = CallSidePool(configuration: poolConfiguration)
        self.callers = CallSlotTable(capacity: capacity)
        self.report = CallBenchReport(
            requestedCallCount: configuration.callCount, line: configuration.line.rawValue,
            lossPercentage: configuration.lossPercentage,
            jitterMilliseconds: configuration.jitter / .milliseconds(1), seconds: 0,
            workerCount: configuration.workerCount)
        self.report.scenarioIDs = configuration.scenarios.map(\.id)
        self.report.leftOutScenarioIDs = configuration.leftOutScenarioIDs
    }

    func run(progress: ((CallBench.Progress) -> Void)?) throws(CallError) -> CallBenchReport {
        // Every recording read and every fixed prompt made before the clock starts.
        for scenario in self.configuration.scenarios {
            let urls = [scenario.opening, scenario.denial].compactMap { $0 } + scenario.answers.values.flatMap { $0 }
            for url in urls { _ = try self.shared.recordings.samples(url) }
        }
        _ = try BenchCall(scenario: self.configuration.scenarios[0], shared: self.shared, callID: "warm-up", seed: 0)
        self.report.baselineResidentMegabytes = Self.residentMegabytes()
        self.report.peakResidentMegabytes = self.report.baselineResidentMegabytes

        do {
            try self.scheduler.start()
        } catch {
            throw .frontEnd("the call scheduler cannot start: \(error)")
        }
        self.pool.start()
        let callerThread = CallerThread(
            callers: self.callers, scheduler: self.scheduler,
            requestsRealTimePriority: self.configuration.requestsRealTimePriority)
        do {
            try callerThread.start()
        } catch {
            self.scheduler.stop()
            self.pool.stop()
            throw .frontEnd("the synthetic callers' thread cannot start: \(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = ProcessUsage.processCPUSeconds()
        let stagger = self.configuration.effectiveStagger
        var startedInitially = 0
        var lastProgress = start
        var failure: CallError?

        while clock.now - start < self.configuration.duration {
            do throws(CallError) {
                while startedInitially < self.configuration.callCount,
                    clock.now - start >= stagger * startedInitially
                {
                    try self.startCall()
                    startedInitially += 1
                }
                try self.collectEndedCalls(replacing: true)
            } catch {
                failure = error
                break
            }
            self.report.peakRecognizersLent = max(self.report.peakRecognizersLent, self.recognizers.counts.borrowed)
            if clock.now - lastProgress >= .seconds(1) {
                lastProgress = clock.now
                let resident = Self.residentMegabytes()
                self.report.peakResidentMegabytes = max(self.report.peakResidentMegabytes, resident)
                if self.running.count > 0 {
                    self.report.residentMegabytesPerCall = max(
                        self.report.residentMegabytesPerCall,
                        (resident - self.report.baselineResidentMegabytes) / Double(self.running.count))
                }
                progress?(
                    CallBench.Progress(
                        elapsedSeconds: (clock.now - start).secondsValue, callsInProgress: self.running.count,
                        endedCalls: self.report.endedCallCount, passedCalls: self.report.passedCallCount,
                        lateBlocks: self.scheduler.statistics.lateBlockCount, residentMegabytes: resident))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }

        let wall = (clock.now - start).secondsValue
        let cpu = ProcessUsage.processCPUSeconds() - cpuStart
        callerThread.stop()
        self.scheduler.stop()
        self.pool.stop()
        try? self.collectEndedCalls(replacing: false)
        self.finish(wallSeconds: wall, cpuSeconds: cpu, callerCPUSeconds: callerThread.cpuSeconds)
        if let failure { throw failure }
        return self.report
    }

    /// Sets up a call with the next scenario and puts it in the three tables.
    private func startCall() throws(CallError) {
        let index = self.report.startedCallCount
        let scenario = self.configuration.scenarios[self.nextScenario % self.configuration.scenarios.count]
        self.nextScenario += 1
        let call = try BenchCall(
            scenario: scenario, shared: self.shared, callID: "bench-\(index)-\(scenario.id)",
            seed: CallReplay.lossSeed(scenario.id) &+ UInt64(index))
        guard let (schedulerSlot, firstTick) = self.scheduler.add(call.audio) else {
            throw .frontEnd("the call scheduler is full")
        }
        call.caller.firstTick = firstTick
        guard let poolSlot = self.pool.add(call.side), let callerSlot = self.callers.add(call.caller) else {
            throw .frontEnd("the call-side pool is full")
        }
        self.running.append(
            Running(
                call: call, schedulerSlot: schedulerSlot, poolSlot: poolSlot, callerSlot: callerSlot,
                startTick: firstTick))
        self.report.startedCallCount += 1
        self.report.peakConcurrentCallCount = max(self.report.peakConcurrentCallCount, self.running.count)
    }

    /// Scores and takes out every call whose call side has ended, and starts one in its place.
    private func collectEndedCalls(replacing: Bool) throws(CallError) {
        var index = 0
        while index < self.running.count {
            let entry = self.running[index]
            guard let outcome = entry.call.scoredResult else {
                index += 1
                continue
            }
            self.running.remove(at: index)
            self.callers.remove(at: entry.callerSlot)
            self.pool.remove(slot: entry.poolSlot)
            let blocks = self.scheduler.remove(slot: entry.schedulerSlot)
            self.record(entry.call, outcome: outcome, lateBlockCount: blocks?.lateBlockCount ?? 0)
            if replacing { try self.startCall() }
        }
    }

    private func record(_ call: BenchCall, outcome: Result<ReplayResult, CallError>, lateBlockCount: Int) {
        let receiver = call.audio.receiver
        self.report.endedCallCount += 1
        self.report.packetsSent += call.caller.path.sentCount
        self.report.packetsLostOnTheNetwork += call.caller.path.lostCount
        self.report.packetsConcealed += receiver.counters.concealedCount
        self.report.packetsLate += receiver.counters.lateCount
        self.report.packetsOverflowed += call.caller.path.overflowCount
        var summary = CallBenchReport.Call(
            scenario: call.scenario.id, hasPassed: false, mismatches: [], seconds: 0, lateBlockCount: lateBlockCount,
            concealedPacketCount: receiver.counters.concealedCount)
        switch outcome {
        case .success(let result):
            summary.hasPassed = result.hasPassed
            summary.mismatches = result.mismatches
            summary.seconds = result.callSeconds
            if !result.hasPassed {
                summary.transcript = result.turns.map {
                    String(format: "%7.2f ", $0.startSeconds) + "\($0.speaker.rawValue): \($0.text)"
                }
                summary.actions = result.actions
            }
            self.latencies += result.turnLatenciesMilliseconds
            self.bargeIns += result.bargeInStopMilliseconds
        case .failure(let error):
            summary.mismatches = ["the call failed: \(error)"]
        }
        if let failure = call.caller.failure { summary.mismatches.append("the caller failed: \(failure)") }
        if summary.hasPassed { self.report.passedCallCount += 1 }
        self.report.calls.append(summary)
    }

    private func finish(wallSeconds: Double, cpuSeconds: Double, callerCPUSeconds: Double) {
        self.report.seconds = wallSeconds
        self.report.unfinishedCallCount = self.running.count
        self.report.processCores = cpuSeconds / wallSeconds
        self.report.callerCores = callerCPUSeconds / wallSeconds
        self.report.engineCores = max(0, cpuSeconds - callerCPUSeconds) / wallSeconds
        let statistics = self.scheduler.statistics
        self.report.blockCount = statistics.blockCount
        self.report.lateBlockCount = statistics.lateBlockCount
        self.report.maximumLatenessMilliseconds = Double(statistics.maximumLatenessNanoseconds) / 1e6
        self.report.skippedTickCount = statistics.skippedTickCount
        self.report.audioWorkerCores = statistics.workerCPUSeconds / wallSeconds
        self.report.callSideCores = self.pool.workerCPUSeconds / wallSeconds
        self.report.workerBlockCounts = statistics.workerBlockCounts
        self.report.realTimePriorityRefusal = self.scheduler.realTimePriorityRefusal
        for entry in self.running {
            self.report.packetsSent += entry.call.caller.path.sentCount
            self.report.packetsLostOnTheNetwork += entry.call.caller.path.lostCount
            self.report.packetsConcealed += entry.call.audio.receiver.counters.concealedCount
            self.report.packetsLate += entry.call.audio.receiver.counters.lateCount
            self.report.packetsOverflowed += entry.call.caller.path.overflowCount
        }
        self.report.turnCount = self.latencies.count
        self.report.turnLatenciesMilliseconds = self.latencies
        self.report.turnLatencyP50Milliseconds = nearestRankPercentile(self.latencies, percent: 50) ?? 0
        self.report.turnLatencyP95Milliseconds = nearestRankPercentile(self.latencies, percent: 95) ?? 0
        self.report.turnLatencyP99Milliseconds = nearestRankPercentile(self.latencies, percent: 99) ?? 0
        self.report.bargeInCount = self.bargeIns.count
        self.report.bargeInStopP50Milliseconds = nearestRankPercentile(self.bargeIns, percent: 50) ?? 0
        self.report.bargeInStopP99Milliseconds = nearestRankPercentile(self.bargeIns, percent: 99) ?? 0
        let resident = Self.residentMegabytes()
        self.report.finalResidentMegabytes = resident
        self.report.peakResidentMegabytes = max(self.report.peakResidentMegabytes, resident)
        // The calls still going are dropped, as a hung-up server would: their recognizers must come back.
        for entry in self.running {
            self.callers.remove(at: entry.callerSlot)
            self.pool.remove(slot: entry.poolSlot)
            self.scheduler.remove(slot: entry.schedulerSlot)
        }
        self.running = []
        let counts = self.recognizers.counts
        self.report.recognizersMade = counts.created
        self.report.recognizersStillLent = counts.borrowed
        self.report.recognizerCapacity = self.recognizers.capacity
    }

    static func residentMegabytes() -> Double { Double(ProcessUsage.residentBytes() ?? 0) / 1_048_576 }
}

/// The synthetic callers' thread: on each of the scheduler's ticks, every caller's part of the tick.
///
/// Not real-time safe: the callers' scripts read and copy recordings. Its own thread.
private final class CallerThread: @unchecked Sendable {
    let callers: CallSlotTable<SyntheticCaller>
    let scheduler: CallScheduler
    private let isRunning = Atomic<Bool>(false)
    private var thread: AudioThread?
    /// The thread's CPU time, written as it ends.
    private(set) var cpuSeconds = 0.0

    let requestsRealTimePriority: Bool
    /// SCHED_FIFO priority of the callers' thread: under the audio workers' `AudioThread.realTimePriority`.
    static let realTimePriority: Int32 = AudioThread.realTimePriority / 2

    init(callers: CallSlotTable<SyntheticCaller>, scheduler: CallScheduler, requestsRealTimePriority: Bool) {
        self.callers = callers
        self.scheduler = scheduler
        self.requestsRealTimePriority = requestsRealTimePriority
    }

    func start() throws(ThreadError) {
        self.isRunning.store(true, ordering: .releasing)
        self.thread = try AudioThread.start(name: "bench-callers") { [self] in
            // The phones are outside the server being measured: below the audio workers, but above the call-side
            // workers. At normal priority this thread got too small a share beside them: at 100 Opus calls its
            // packets came late and the engine concealed most of every call.
            if self.requestsRealTimePriority {
                _ = AudioThread.requestRealTimePriority(Self.realTimePriority)
            }
            // Every tick in turn, even late: a caller's audio is one block per tick, with no gaps.
            let clock = MonotonicClock()
            var tick = self.scheduler.currentTick
            while self.isRunning.load(ordering: .acquiring) {
                clock.sleep(until: self.scheduler.instant(ofTick: tick))
                for slot in 0..<self.callers.usedSlotCount {
                    _ = self.callers.withClaim(at: slot) { caller in caller.tick(tick) }
                }
                tick += 1
            }
            self.cpuSeconds = ProcessUsage.threadCPUSeconds()
        }
    }

    func stop() {
        self.isRunning.store(false, ordering: .releasing)
        self.thread?.join()
    }
}
