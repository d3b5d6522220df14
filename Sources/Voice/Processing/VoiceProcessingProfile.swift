/// Which webrtc components a call's capture stream runs through.
///
/// Real-time safe: no locks, no allocation. Any thread.
public enum VoiceProcessingProfile: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A phone line or packets from a phone: high-pass filter, noise suppression and adaptive digital gain. The
    /// far end (the caller's phone) cancels its own echo, so there is none to cancel here.
    case line

    /// A headset or speakerphone at the desk: `line` plus the acoustic echo canceller, fed with the agent's own
    /// outgoing audio as the far-end reference.
    case headset

    /// Whether the profile runs the echo canceller.
    public var isEchoCancellationEnabled: Bool { self == .headset }

    public var description: String { self.rawValue }
}
