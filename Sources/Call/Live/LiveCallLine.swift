import AudioCore
import Dialogue
import Spotting
import Voice

/// A live call's line as its call thread sees it: rebuilt from the audio thread's block reports, with the agent's
/// prompts streamed into the agent ring as it has room.
///
/// Positions in the agent's audio are counted in frames from the start of the call: `queuedFrameCount` frames have
/// been queued, `writtenFrameCount` of them put in the ring, and `consumedFrameCount` taken out by the audio thread
/// (its last report says).
///
/// With an echo canceller (the `headset` profile: the desk phone's headset port carries the agent's voice back),
/// what the recognizer reads back is the line with the agent's echo cancelled, the played audio as the reference;
/// voice activity, barge-in and the spotter on the audio thread hear the line as it is.
///
/// Not real-time safe: allocates when prompts are queued. Call thread only.
final class LiveCallLine: CallLine {
    let agentAudio: SPSCRingBuffer<Float>
    let controls: LiveCallControls
    let history = CallLineHistory()
    /// webrtc's echo canceller alone (no filter, suppressor or gain: each turn is filtered afresh), or `nil`.
    let echoCanceller: VoiceProcessor?

    private(set) var isInTurn = false
    private(set) var isEchoFound = false

    /// A prompt queued, where its audio starts in the agent stream, and how much of it is in the ring.
    private struct Queued {
        var prompt: Prompt
        var samples: [Float]
        var startFrame: Int64
        var writtenCount = 0
    }

    /// Prompts not yet wholly in the ring, oldest first.
    private var unwritten: [Queued] = []
    /// Prompts whose first frame has not played yet, with where it starts.
    private var unstarted: [(prompt: Prompt, startFrame: Int64)] = []
    private var queuedFrameCount: Int64 = 0
    private var writtenFrameCount: Int64 = 0
    private(set) var consumedFrameCount: Int64 = 0
    /// The agent was stopped and nothing has been queued since.
    private var isStopped = false
    /// The last report played some of the agent's audio.
    private var wasSounding = false
    /// The line's tone has been passed on as the caller hanging up.
    private var hasSignalledHangUp = false

    /// - Throws: `CallError.frontEnd` when the echo canceller cannot be made.
    init(agentAudio: SPSCRingBuffer<Float>, controls: LiveCallControls, profile: VoiceProcessingProfile = .line)
        throws(CallError)
    {
        self.agentAudio = agentAudio
        self.controls = controls
        guard profile.isEchoCancellationEnabled else {
            self.echoCanceller = nil
            return
        }
        var configuration = VoiceProcessor.Configuration(profile: profile, sampleRate: CallFrontEnd.sampleRate)
        configuration.isHighPassFilterEnabled = false
        configuration.isNoiseSuppressionEnabled = false
        configuration.isGainControlEnabled = false
        do {
            self.echoCanceller = try VoiceProcessor(configuration)
        } catch {
            throw .frontEnd("the echo canceller: \(error)")
        }
    }

    /// Takes in one report from the audio thread.
    ///
    /// - Returns: the block as the call side handles it.
    func apply(_ report: LiveBlockReport) -> CallBlock {
        let wasPlaying = self.isPlaying
        let wasSounding = self.wasSounding
        withUnsafeTemporaryAllocation(of: Float.self, capacity: report.samples.count) { block in
            if let canceller = self.echoCanceller {
                for index in 0..<block.count { block[index] = report.playback[index] }
                canceller.analyzeRender(UnsafeBufferPointer(block))
                for index in 0..<block.count { block[index] = report.samples[index] }
                canceller.processCapture(block)
            } else {
                for index in 0..<block.count { block[index] = report.samples[index] }
            }
            self.history.record(UnsafeBufferPointer(block))
        }
        if let window = report.events.embedding { self.history.keep(window) }
        self.isInTurn = report.isInTurn
        self.isEchoFound = report.isEchoFound
        self.consumedFrameCount = report.consumedAgentFrameCount
        self.wasSounding = report.soundedAgentFrameCount > 0
        var started: Prompt?
        if self.wasSounding {
            while let first = self.unstarted.first, first.startFrame < self.consumedFrameCount {
                if started == nil { started = first.prompt }
                self.unstarted.removeFirst()
            }
        }
        var signal = report.lineEvent?.signal
        if signal == .hangUp { self.hasSignalledHangUp = true }
        if signal == nil, report.lineTone != nil, !self.hasSignalledHangUp {
            self.hasSignalledHangUp = true
            signal = .hangUp
        }
        return CallBlock(
            sampleTime: report.sampleTime, frameCount: report.samples.count, events: report.events,
            wasPlaying: wasPlaying, startedPrompt: started, startedAfterSilence: !wasSounding, signal: signal)
    }

    /// Puts as much of the queued audio in the ring as it has room for.
    func topUp() {
        while var item = self.unwritten.first {
            let written = item.samples.withUnsafeBufferPointer { samples in
                self.agentAudio.tryWrite(UnsafeBufferPointer(rebasing: samples[item.writtenCount...]))
            }
            item.writtenCount += written
            self.writtenFrameCount += Int64(written)
            if item.writtenCount < item.samples.count {
                self.unwritten[0] = item
                return
            }
            self.unwritten.removeFirst()
        }
    }

    var sampleTime: Int64 { self.history.sampleTime }

    func withHistory(from start: Int64, _ body: (UnsafeBufferPointer<Int16>) -> Void) {
        self.history.withSamples(from: start, body)
    }

    func embeddingWindows(endingFrom start: Int64) -> TurnWindows {
        self.history.embeddingWindows(endingFrom: start)
    }

    func setTrailingSilence(_ silence: Duration?) {
        let milliseconds = silence.map { Int(($0 / .milliseconds(1)).rounded()) } ?? 0
        self.controls.trailingSilenceMilliseconds.store(max(0, milliseconds), ordering: .relaxed)
    }

    func enqueue(_ prompt: Prompt, samples: [Float]) {
        guard !samples.isEmpty else { return }
        self.isStopped = false
        self.unwritten.append(Queued(prompt: prompt, samples: samples, startFrame: self.queuedFrameCount))
        self.unstarted.append((prompt, self.queuedFrameCount))
        self.queuedFrameCount += Int64(samples.count)
        self.topUp()
    }

    func stopSpeaking() {
        self.unwritten.removeAll()
        self.unstarted.removeAll()
        self.queuedFrameCount = self.writtenFrameCount
        self.controls.discardAgentFramesUpTo.store(self.writtenFrameCount, ordering: .releasing)
        self.isStopped = true
    }

    var isPlaying: Bool { !self.isStopped && self.queuedFrameCount > self.consumedFrameCount }

    var framesBeforeLastPrompt: Int {
        guard self.unstarted.count > 1, let last = self.unstarted.last else { return 0 }
        return Int(max(0, last.startFrame - self.consumedFrameCount))
    }

    /// A live call's agent waits for its work for real.
    var notBeforeSampleTime: Int64 {
        get { 0 }
        set {}
    }
}
