import Foundation
import Practice
import Recognition
import Speech
import Voice

/// What the call side of every call on a line shares: the practice, the agent's voice and how it listens.
struct CallSettings: Sendable {
    var practice: PracticeConfiguration
    var speechEngine: SpeechEngine
    /// Prompts synthesized once and shared across calls.
    var promptCache: PromptCache
    var recognizerInput: RecognizerInput
    /// The codec the caller's phone hears the agent through; prompts are coded and decoded as it would.
    var line: LineCodec
    /// Whether the always-on urgent spotter listens beside the recognizer's text rules.
    var isSpotting: Bool
    /// Whether the request-keyword head may fill in the opening request (off without `isSpotting` too).
    var isReadingRequests: Bool
    /// Whether the head also fills in for an accepted opening that names nothing ("fusion+"; calls do).
    var isFillingInAcceptedRequests = RequestSpotter.fusion.fillsInForAcceptedOther
    /// How long the agent waits for an answer before it counts as silence.
    var silenceTimeout: Duration
    /// A live call's line: `headset` cancels the agent's echo in what the recognizer hears (`LiveCallLine`); a
    /// replay ignores it (its echo scenarios rest on barge-in's own canceller).
    var profile = VoiceProcessingProfile.line
    /// Recognizers shared by every call in the process, lent per turn (`TurnRecognition`); `nil` (the default) keeps
    /// each call's own, made on first use and kept for the call. A turn's borrow blocks the call thread for up to the
    /// pool's `waitLimit`: keep it well under the 2.56 s of block reports a live call's ring holds (`LiveCall`).
    var recognizerPool: RecognizerPool? = nil
    /// The prompts as played, shared by every call in the process (`PromptSamplesCache`); `nil` (the default)
    /// decodes fixed prompts and synthesizes the others afresh in each call.
    var playedPrompts: PromptSamplesCache? = nil
}

extension ReplayConfiguration {
    /// The call side's part of the replay's configuration.
    var call: CallSettings {
        CallSettings(
            practice: self.practice, speechEngine: self.speechEngine, promptCache: self.promptCache,
            recognizerInput: self.recognizerInput, line: self.line, isSpotting: self.isSpotting,
            isReadingRequests: self.isReadingRequests,
            isFillingInAcceptedRequests: self.isFillingInAcceptedRequests, silenceTimeout: self.silenceTimeout,
            recognizerPool: self.recognizerPool)
    }
}
