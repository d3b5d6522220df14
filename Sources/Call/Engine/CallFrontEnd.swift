import AudioCore
import Spotting
import Voice

/// The audio side of one call, one 10 ms block at a time: barge-in against the agent's own audio, the always-on
/// urgent spotter and its embedding windows, voice activity, and turn boundaries. What the call side keeps of the
/// line for the recognizer and the per-turn heads is in `CallLineHistory`.
///
/// Every buffer is allocated in `init`; `process` only reads and writes them.
///
/// Real-time safe after `init`: `process` takes no locks, does not allocate, log or throw. Audio thread only.
final class CallFrontEnd {
    /// What one block brought.
    struct BlockEvents {
        /// A turn boundary from the endpointer.
        var turn: TurnEvent?
        /// The caller started speaking over the agent; the onset's sample time.
        var bargeInOnsetSampleTime: Int64?
        /// The urgent spotter fired on the line: its probability that something urgent was just said.
        var urgentProbability: Float?
        /// The speech-embedding window that ended in this block, for the per-turn heads (a window is 80 ms, a block
        /// 10 ms, so there is at most one).
        var embedding: EmbeddingWindow?
    }

    /// The engine's rate: the recognizer's.
    static let sampleRate = 16_000

    /// Frames per block: 10 ms.
    static let blockFrameCount = sampleRate / 100

    let voiceActivity: VoiceActivityDetector
    var endpointer: Endpointer
    var bargeIn: BargeInDetector<VoiceActivityClassifier>
    /// The always-on urgent spotter over the line, when its models are installed.
    let embedder: SpeechEmbedder?
    let urgentSpotter: StreamingSpotter?

    /// The sample time of the next block.
    private(set) var sampleTime: Int64 = 0

    /// The end of the last block in which the agent spoke; `nil` before it first does.
    private var agentAudioEndSampleTime: Int64?

    /// How long after the agent's last audio its echo may still start a turn on the line: the longest echo delay
    /// the barge-in detector searches.
    private let echoAllowanceFrameCount: Int64

    /// Makes the front end of a call on a phone line.
    ///
    /// There is no echo canceller (barge-in has its own) and nothing changes the line before the recognizer:
    /// `TurnRecognition` filters each turn afresh. Voice activity and the urgent spotter read the line as it is
    /// (both were fitted on unprocessed speech); with `isSpotting` false, or without the embedding weights, the call
    /// has no spotter. Barge-in allows for the coding noise of the call's `line` (`LineCodec.echoCodingNoiseDB`).
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `CallError.frontEnd` when the detectors cannot be made.
    init(
        isSpotting: Bool = true,
        line: LineCodec = .linear16,
        endpointing: EndpointerConfiguration = EndpointerConfiguration()
    ) throws(CallError) {
        do {
            self.voiceActivity = try VoiceActivityDetector(sampleRate: Self.sampleRate)
            var bargeIn = BargeInDetector<VoiceActivityClassifier>.Configuration()
            bargeIn.codingNoiseDB = line.echoCodingNoiseDB
            self.bargeIn = try BargeInDetector(sampleRate: Self.sampleRate, configuration: bargeIn)
        } catch {
            throw .frontEnd("\(error)")
        }
        self.endpointer = Endpointer(configuration: endpointing, sampleRate: Self.sampleRate)
        self.echoAllowanceFrameCount = Int64(
            Self.sampleRate * self.bargeIn.configuration.maximumEchoDelayMilliseconds / 1000)
        if isSpotting, case .success(let models) = UrgentSpotterModels.shared {
            self.embedder = SpeechEmbedder(weights: models.weights)
            self.urgentSpotter = StreamingSpotter(head: models.head)
        } else {
            self.embedder = nil
            self.urgentSpotter = nil
        }
        precondition(
            SpeechEmbeddingArchitecture.embeddingCount == 96, "EmbeddingWindow holds 96 values per window")
    }

    /// Processes one block of the caller's line.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: `blockFrameCount` frames of what the line carries (the caller, and any echo of the agent).
    ///   - reference: the agent's audio played in the same 10 ms (zeros when it is silent).
    ///   - isAgentSpeaking: whether `reference` carries a prompt's audio, so a caller onset is a barge-in.
    ///   - isConcealed: whether the line's packet decoder concealed a lost packet in `capture` (or was recovering
    ///     from one), as `LineTransport.carry(_:)` reports: barge-in neither learns from nor raises on such a block.
    /// - Complexity: O(blockFrameCount × barge-in filter taps).
    func process(
        capture: UnsafeBufferPointer<Float>, reference: UnsafeBufferPointer<Float>, isAgentSpeaking: Bool,
        isConcealed: Bool = false
    ) -> BlockEvents {
        var events = BlockEvents()
        let time = self.sampleTime
        let detected = self.bargeIn.process(
            capture: capture, reference: reference, sampleTime: time, isConcealed: isConcealed)
        if isAgentSpeaking, let onset = self.callerOnsetAtPromptStart(time) {
            // The caller was already talking when the prompt began: nothing to detect over the agent.
            events.bargeInOnsetSampleTime = onset
        } else if case .bargeIn(let onset) = detected, isAgentSpeaking {
            events.bargeInOnsetSampleTime = onset
        }
        if isAgentSpeaking { self.agentAudioEndSampleTime = time + Int64(capture.count) }

        let activity = self.voiceActivity.process(capture)
        events.turn = self.endpointer.process(activity, sampleTime: time, frameCount: capture.count)
        if let embedder = self.embedder, let spotter = self.urgentSpotter {
            embedder.process(capture) { chunk in
                guard let embedding = chunk.embedding else { return }
                var window = EmbeddingWindow(
                    values: InlineArray(repeating: 0),
                    endSampleTime: Int64(chunk.index + 1) * Int64(MelFrontEnd.chunkSampleCount))
                for index in 0..<embedding.count { window.values[index] = embedding[index] }
                events.embedding = window
                let decision = spotter.push(embedding)
                if decision.hasFired { events.urgentProbability = decision.probability }
            }
        }

        self.sampleTime += Int64(capture.count)
        return events
    }

    /// The start of the caller's turn, when a prompt starts in the block at `time` while the endpointer is in a turn
    /// that began after the agent's last audio could still echo (so it is the caller's, not the agent's own voice
    /// coming back); `nil` otherwise, and on every block after a prompt's first.
    ///
    /// Real-time safe: no locks, no allocation.
    private func callerOnsetAtPromptStart(_ time: Int64) -> Int64? {
        let isPromptStart = self.agentAudioEndSampleTime.map { $0 < time } ?? true
        guard isPromptStart, let start = self.endpointer.turnStartSampleTime else { return nil }
        let echoEnd = self.agentAudioEndSampleTime.map { $0 + self.echoAllowanceFrameCount } ?? 0
        return start >= echoEnd ? start : nil
    }
}
