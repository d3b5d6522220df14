import Dialogue
import Spotting

/// The audio side of a call as its call side sees it: what the front end has heard so far, and the agent's voice
/// on its way out.
///
/// A replay drives both sides on one thread and answers from its front end and playout directly (`CallReplay`); a
/// live call answers from what its audio thread last reported through the call's rings (`LiveCallLine`), so the
/// call side never touches the audio thread's state.
///
/// Not real-time safe. Call side only.
protocol CallLine: AnyObject {
    /// The end of the last block the call side has been told about, in frames from the start of the call.
    var sampleTime: Int64 { get }

    /// Calls `body` with the line's 16-bit samples from `start` (or the oldest kept) up to `sampleTime`, in at most
    /// two pieces.
    func withHistory(from start: Int64, _ body: (UnsafeBufferPointer<Int16>) -> Void)

    /// The speech-embedding windows kept for the per-turn heads that end at or after `start`, oldest first; empty
    /// without the spotter's models.
    func embeddingWindows(endingFrom start: Int64) -> TurnWindows

    /// Whether the endpointer is inside a caller turn.
    var isInTurn: Bool { get }

    /// Whether the barge-in detector has found the echo of the agent's voice on the line.
    var isEchoFound: Bool { get }

    /// The trailing silence that ends a turn from now on; `nil` for the endpointer's configured one.
    func setTrailingSilence(_ silence: Duration?)

    /// Queues a prompt's audio (16 kHz, -1…1) after whatever is queued.
    func enqueue(_ prompt: Prompt, samples: [Float])

    /// Stops the agent's audio now and drops everything queued.
    func stopSpeaking()

    /// Whether the agent's audio is queued or playing.
    var isPlaying: Bool { get }

    /// Frames still to play before the last queued prompt starts.
    var framesBeforeLastPrompt: Int { get }

    /// No agent audio before this sample time: on a virtual clock, the time the call side spent working out its
    /// answer, which a live call spends for real (there it is ignored, and reads 0).
    var notBeforeSampleTime: Int64 { get set }
}
