import Codecs

/// How a cached prompt is encoded for the call that plays it.
public enum PromptCodec: Sendable, Hashable {
    /// Little-endian 16-bit linear PCM at 16 kHz, two bytes per sample.
    case pcm16
    /// G.711 at 8 kHz, one byte per sample.
    case g711(G711.Law)
    /// Opus packets at 16 kHz with the encoder's settings.
    case opus(OpusEncoder.Configuration)

    /// The rate the encoded audio plays at, in hertz.
    public var sampleRate: Int {
        switch self {
        case .pcm16: PromptSynthesizer.sampleRate
        case .g711: 8_000
        case .opus(let configuration): configuration.sampleRate
        }
    }
}
