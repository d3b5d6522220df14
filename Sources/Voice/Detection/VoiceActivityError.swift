/// Why a voice-activity detector cannot be made.
public enum VoiceActivityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The detectors run at 8000 and 16000 Hz only.
    case unsupportedSampleRate(Int)

    /// WebRTC's detector takes aggressiveness modes 0 to 3.
    case invalidMode(Int)

    /// webrtc-audio-processing could not make its detector (out of memory).
    case creationFailed

    /// The sample rates every detector here accepts.
    public static let supportedSampleRates = [8000, 16000]

    public var description: String {
        switch self {
        case .unsupportedSampleRate(let rate):
            return "unsupported sample rate \(rate) Hz: voice-activity detection runs at 8000 or 16000 Hz"
        case .invalidMode(let mode):
            return "WebRTC VAD mode \(mode) does not exist: use 0 (least aggressive) to 3 (most aggressive)"
        case .creationFailed:
            return "webrtc-audio-processing could not create its voice-activity detector"
        }
    }
}
