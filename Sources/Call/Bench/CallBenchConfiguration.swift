import Foundation
import Practice
import Recognition
import Speech

/// How `CallBench` runs: how many synthetic callers, for how long, over which line.
public struct CallBenchConfiguration: Sendable {
    /// Calls in progress at once, once every caller has started.
    public var callCount = 20
    /// How long the bench runs; calls still going at the end are not scored.
    public var duration: Duration = .seconds(60)
    /// The codec the callers' packets and the agent's prompts are in.
    public var line = LineCodec.opus
    /// Packets the network loses, 0…100 percent.
    public var lossPercentage = 1.0
    /// Every packet takes at least `baseDelay` and up to `jitter` more (in whole 10 ms ticks), so packets may
    /// arrive out of order.
    public var baseDelay: Duration = .milliseconds(20)
    public var jitter: Duration = .milliseconds(30)
    /// The scenarios the callers play, taken in turn; each call that ends is replaced by a caller with the next.
    public var scenarios: [Scenario] = []
    /// Scenarios left out before the run (their call fails when replayed alone), named in the report.
    public var leftOutScenarioIDs: [String] = []
    /// Time between the first callers' starts; `nil` spreads them over the first quarter of the run (at most 30 s).
    ///
    /// Callers started closer together speak their openings together, as no practice's callers do: 80 calls started
    /// within 4.5 s put 80 first turns on the recognizers at once, and the call sides fell 7 to 14 s behind.
    public var stagger: Duration?
    public var practice: PracticeConfiguration = .default
    /// Prompts synthesized once and shared across calls (per codec).
    public var promptCache = PromptCache()
    /// Audio workers: the machine's cores unless told.
    public var workerCount = ProcessInfo.processInfo.activeProcessorCount
    /// Call-side workers: four per core unless told. A call side's step may block (a wait for another call's prompt
    /// or for a recognizer, a store write), and a blocked worker should not hold up the calls behind it; they run
    /// below the audio workers' priority, so more of them cannot make a block late. Not shown to help by
    /// measurement: at 80 G.711 calls, before prompts were made once, 2 workers gave 38 of 59 outcomes and 8 gave
    /// 39 of 66.
    public var callSideWorkerCount = 4 * ProcessInfo.processInfo.activeProcessorCount
    /// Recognizers the calls share, at most: the callers expected to speak at once. `nil`: half the calls plus two
    /// (20 scripted calls had 10 turns under way at once at most).
    public var recognizerCapacity: Int?
    /// The synthetic phones' Opus complexity: the line's own (5), as the replay's simulated line codes and as
    /// `--qualify` replays each scenario. Their cost is the bench's, measured apart from the engine's.
    public var callerOpusComplexity = LineCodec.opusConfiguration.complexity
    /// How long a synthetic caller waits after the agent stops before answering (a desk script's callers wait as
    /// long: the agent's audio reaches them only as it plays).
    public var callerReaction: Duration = .seconds(1)
    /// Whether the audio workers ask for real-time priority.
    public var requestsRealTimePriority = true

    public init() {}

    /// The recognizers the pool may hold.
    var effectiveRecognizerCapacity: Int { self.recognizerCapacity ?? (self.callCount / 2 + 2) }

    /// Time between the first callers' starts.
    var effectiveStagger: Duration {
        if let stagger = self.stagger { return stagger }
        let ramp = min(Duration.seconds(30), self.duration / 4)
        return self.callCount > 1 ? ramp / self.callCount : .zero
    }
}
