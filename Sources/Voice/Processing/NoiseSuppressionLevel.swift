/// How hard webrtc's noise suppressor works: more suppression removes more steady noise and colours speech more.
///
/// Real-time safe: no locks, no allocation. Any thread.
public enum NoiseSuppressionLevel: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// About 6 dB of suppression.
    case low
    /// About 10 dB: webrtc's default and Attendant's.
    case moderate
    /// About 15 dB.
    case high
    /// About 20 dB; audible artefacts on speech in loud noise.
    case veryHigh = "veryhigh"

    /// The level's number in the shim (`attendant_webrtc_config.noiseSuppressionLevel`).
    var shimLevel: Int32 {
        switch self {
        case .low: 0
        case .moderate: 1
        case .high: 2
        case .veryHigh: 3
        }
    }

    public var description: String { self.rawValue }
}
