import Foundation
import Practice
import Speech
import Voice

/// How the desk box is set up: its practice and schedule, and the line's audio.
public struct DeskConfiguration: Sendable {
    /// Where the line's audio comes from or goes.
    public enum Audio: Sendable, Equatable {
        /// An ALSA PCM by name: `default`, `hw:1,0`, `plughw:CARD=Headset`, ….
        case device(String)
        /// A WAV file through ALSA's `file` plugin (capture: read at any rate, converted to 16 kHz; playback:
        /// written as 16 kHz WAV), paced by the clock so the run is real time.
        case file(URL)
    }

    public var practice: PracticeConfiguration = .default
    /// The practice's schedule, kept across runs.
    public var storePath: String
    public var capture: Audio = .device("default")
    public var playback: Audio = .device("default")
    /// `headset` cancels the agent's echo in what the recognizer hears, with the playback as the reference; `line`
    /// (the default) leaves that to barge-in's own canceller. Measured: the demo over a -10 dB echo books on `line`
    /// and fails on `headset`, whose canceller leaves the caller's next answer uncertain (README, "The desk box").
    public var profile = VoiceProcessingProfile.line
    /// The device period: 10 or 20 ms.
    public var periodMilliseconds = 10
    public var speechEngine: SpeechEngine = .default
    /// A call still going after this long is ended.
    public var maximumCallLength: Duration = .seconds(300)
    /// The practice's clock when the line opens, for scripted runs (`DeskScript`); `nil` for the wall clock.
    public var clockStart: Date?
    /// How long the agent waits for an answer before it counts as silence.
    public var silenceTimeout: Duration = .seconds(6)

    public init(storePath: String) {
        self.storePath = storePath
    }

    /// The call side's settings for every call on the line.
    var call: CallSettings {
        CallSettings(
            practice: self.practice, speechEngine: self.speechEngine, promptCache: PromptCache(),
            recognizerInput: .noiseSuppressed, line: .linear16, isSpotting: true, isReadingRequests: true,
            silenceTimeout: self.silenceTimeout, profile: self.profile)
    }
}
