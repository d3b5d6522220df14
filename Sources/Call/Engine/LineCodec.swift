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
