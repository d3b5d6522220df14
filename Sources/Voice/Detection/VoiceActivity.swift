/// What a voice-activity detector says about one 10 ms block.
///
/// Real-time safe: a plain value.
public struct VoiceActivity: Hashable, Sendable {
    /// The combiner's speech probability for this block alone, 0 to 1, before hysteresis and hangover.
    public var probability: Float

    /// The decision after hysteresis and hangover: whether the caller is talking.
    public var isSpeech: Bool

    /// Makes a result.
    public init(probability: Float, isSpeech: Bool) {
        self.probability = probability
        self.isSpeech = isSpeech
    }
}
