import Codecs
import Speech

/// What the caller's line carries between their phone and the engine: the audio of both directions goes through
/// it (`LineTransport` for the caller's voice, the prompt cache's encoding for the agent's).
public enum LineCodec: String, Sendable, CaseIterable {
    /// 16-bit linear PCM at 16 kHz: the recordings as they are, no phone path.
    case linear16 = "pcm"
    /// G.711 µ-law at 8 kHz, as on North American phone lines and in most SIP trunks.
    case pcmu
    /// G.711 A-law at 8 kHz.
    case pcma
    /// Opus at 16 kHz in 20 ms packets (`opusConfiguration`).
    case opus

    /// The Opus settings of an `opus` line: mono 16 kHz, 20 ms packets, 24 kbit/s, complexity 5 (the library's
    /// middle setting; issue 7 measures the cheapest that keeps quality).
    public static let opusConfiguration = OpusEncoder.Configuration(
        sampleRate: 16_000, channelCount: 1, frameDuration: .milliseconds20, complexity: 5, bitrate: 24_000)

    /// How far the barge-in detector's residual of the agent's echo alone may stand over the echo its filter predicts
    /// on this line, in dB (`BargeInDetector.Configuration.codingNoiseDB`).
    ///
    /// G.711 keeps the waveform (its coding noise is 35 dB or more under the signal, under the filter's own
    /// misadjustment), so it needs no floor. Opus at 24 kbit/s keeps the agent's spectrum but on some blocks not its
    /// waveform, and there the filter's prediction, as loud as the echo, is subtracted from an echo it no longer
    /// matches: the residual of two unrelated signals of one level stands at most 3 dB over either. Constructed calls
    /// over Opus (`BargeInGridTests` with `ATTENDANT_BARGEIN_GRID_OPUS`, 16 kHz): the echo alone raised a barge-in on
    /// 10 of 12 paths without a floor, on 3 with −1.5 dB, on none from 0 to 6 dB, with the same callers found.
    public var echoCodingNoiseDB: Float {
        switch self {
        case .linear16, .pcmu, .pcma: -.infinity
        case .opus: 3
        }
    }

    /// How the agent's prompts are cached for a call on this line.
    public var promptCodec: PromptCodec {
        switch self {
        case .linear16: .pcm16
        case .pcmu: .g711(.muLaw)
        case .pcma: .g711(.aLaw)
        case .opus: .opus(Self.opusConfiguration)
        }
    }
}
