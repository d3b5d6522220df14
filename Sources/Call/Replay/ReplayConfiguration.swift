import Foundation
import Practice
import Recognition
import Speech

/// How a scenario is replayed.
public struct ReplayConfiguration: Sendable {
    /// The practice the call is to; the embedded default unless told.
    public var practice: PracticeConfiguration = .default

    /// Whether blocks are paced by the wall clock (10 ms each) rather than processed as fast as they can be.
    public var isRealTime = false

    /// Where each call's agent audio, two-channel recording and transcript go (a folder per call); `nil` writes
    /// nothing.
    public var outputFolder: URL?

    /// The agent's voice.
    public var speechEngine: SpeechEngine = .default

    /// Prompts synthesized once and shared across calls.
    public var promptCache = PromptCache()

    /// Whether the recognizer hears the line through webrtc's noise suppressor (see `RecognizerInput`).
    public var recognizerInput = RecognizerInput.noiseSuppressed

    /// What the caller's line carries: the recordings straight in (`linear16`, the default), or both directions
    /// through G.711 or Opus.
    public var line = LineCodec.linear16

    /// Packets of a coded line lost at random and concealed, 0…100 percent; each call draws its own pattern from its
    /// scenario's id, so a replay is repeatable. Ignored on a `linear16` line.
    public var linePacketLossPercentage = 0.0

    /// Whether the always-on urgent spotter listens to the line beside the recognizer's text rules.
    public var isSpotting = true

    /// Whether the request-keyword head may fill in the opening request when the recognizer's reading is rejected
    /// or names nothing (`RequestSpotter`, `TurnRecognition.finish`). It reads the spotter's embeddings, so it is
    /// off without `isSpotting` too.
    public var isReadingRequests = true

    /// Whether the request head also fills in for an accepted opening that asks for nothing (`IntentFusion`'s
    /// `fillsInForAcceptedOther`, "fusion+" of `attendant eval request`): on, as in a call; off measures the rule
    /// that fills in for rejected openings alone.
    public var isFillingInAcceptedRequests = RequestSpotter.fusion.fillsInForAcceptedOther

    /// How long the agent waits for an answer before it counts as silence.
    public var silenceTimeout: Duration = .seconds(6)

    /// How long the scripted caller waits after the agent stops before answering: a person's reaction time.
    /// `attendant desk-script` gives its callers more, so that a live run, whose agent may start a little later
    /// than the replay's, does not find the caller already talking.
    public var callerReaction: Duration = .milliseconds(400)

    /// A call still going after this long is stopped and counted as abandoned.
    public var maximumCallLength: Duration = .seconds(300)

    /// Recognizers the replayed calls share, lent per turn, as many calls in one process would; `nil` (the default)
    /// gives each call its own, kept for the call.
    public var recognizerPool: RecognizerPool?

    public init() {}
}
