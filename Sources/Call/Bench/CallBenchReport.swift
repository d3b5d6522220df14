import Foundation

/// What a bench run measured. Every number is from the run itself.
public struct CallBenchReport: Codable, Sendable {
    /// One call that ended during the run.
    public struct Call: Codable, Sendable {
        public var scenario: String
        public var hasPassed: Bool
        /// How it differed from its scenario, or why it failed.
        public var mismatches: [String]
        public var seconds: Double
        public var lateBlockCount: Int
        public var concealedPacketCount: Int
        /// For a call that did not pass: its turns (seconds, speaker, text) and what the engine did.
        public var transcript: [String] = []
        public var actions: [String] = []
    }

    public var requestedCallCount: Int
    public var line: String
    public var lossPercentage: Double
    public var jitterMilliseconds: Double
    public var seconds: Double
    public var workerCount: Int
    /// Why the audio workers ran at normal priority, if they were refused real-time priority.
    public var realTimePriorityRefusal: String?

    /// Calls started, ended (and so scored), and still going when the run stopped.
    public var startedCallCount = 0
    public var endedCallCount = 0
    public var unfinishedCallCount = 0
    /// The most calls in progress at one moment.
    public var peakConcurrentCallCount = 0
    public var passedCallCount = 0
    public var calls: [Call] = []
    /// The scenarios played, and those left out because their call fails alone (`--qualify`).
    public var scenarioIDs: [String] = []
    public var leftOutScenarioIDs: [String] = []

    /// Process CPU time over wall time, in cores: everything, the synthetic callers' thread alone, and the engine
    /// (everything but the callers).
    public var processCores = 0.0
    public var callerCores = 0.0
    public var engineCores = 0.0
    /// Of the engine: the audio workers (the calls' blocks) and the call-side workers (recognition, dialogue,
    /// store, synthesis), from their threads' CPU time; the rest is the control thread's call set-up and scoring.
    public var audioWorkerCores = 0.0
    public var callSideCores = 0.0

    public var blockCount = 0
    public var lateBlockCount = 0
    public var maximumLatenessMilliseconds = 0.0
    public var skippedTickCount = 0
    public var workerBlockCounts: [Int] = []

    public var packetsSent = 0
    public var packetsLostOnTheNetwork = 0
    /// Packets the engine's receivers concealed: lost, late or unreadable.
    public var packetsConcealed = 0
    public var packetsLate = 0
    /// Packets that arrived when the call's inbound ring was full (the engine had fallen behind), dropped.
    public var packetsOverflowed = 0

    public var turnCount = 0
    public var turnLatencyP50Milliseconds = 0.0
    public var turnLatencyP95Milliseconds = 0.0
    public var turnLatencyP99Milliseconds = 0.0
    public var bargeInCount = 0
    public var bargeInStopP50Milliseconds = 0.0
    public var bargeInStopP99Milliseconds = 0.0
    /// Every turn latency, for the histogram.
    public var turnLatenciesMilliseconds: [Double] = []

    /// Resident memory before the first call, at its highest, and at the end; and the highest above the baseline
    /// per call in progress then.
    public var baselineResidentMegabytes = 0.0
    public var peakResidentMegabytes = 0.0
    public var finalResidentMegabytes = 0.0
    public var residentMegabytesPerCall = 0.0
    /// Recognizers the calls' pool made, and its capacity.
    public var recognizersMade = 0
    public var recognizerCapacity = 0
    /// The most recognizers lent at once (sampled every 20 ms): callers speaking at the same moment.
    public var peakRecognizersLent = 0
    /// Recognizers still lent once every call had ended or been dropped: 0 unless a lease leaked.
    public var recognizersStillLent = 0
}
