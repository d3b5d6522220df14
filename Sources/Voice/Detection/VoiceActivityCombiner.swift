/// One set of the detector's fitted constants: the logistic combiner's weights and bias, and the hangover's
/// thresholds and lengths.
///
/// `fitted` is what `tools/fit-vad-model` writes into `VoiceActivityModel` and what every caller of the voice
/// front end uses. `bargeIn` is the earlier hand-copied prototype's set, kept for `VoiceActivityClassifier` alone:
/// the barge-in detector's margins and its classifier's probability threshold were tuned against it, on the echo
/// residual rather than on a caller's line, and the fitted set calls that residual speech more readily (at 8 kHz
/// the agent's echo alone then raised a barge-in).
///
/// Real-time safe: a plain value.
public struct VoiceActivityCombiner: Hashable, Sendable {
    /// The combiner: probability = 1 / (1 + e^−(w·f + bias)) over the features of `VoiceActivityFeatures`.
    public var weights: SIMD16<Float>
    public var bias: Float
    /// Speech starts when the probability reaches this.
    public var onsetProbability: Float
    /// Below this the hangover counts down.
    public var releaseProbability: Float
    /// Below this the block is clearly not speech and the hangover is cut to `shortHangoverBlockCount`.
    public var silenceProbability: Float
    /// Blocks of hangover after the last block at `onsetProbability`.
    public var hangoverBlockCount: Int
    /// Hangover left once a block is clearly not speech.
    public var shortHangoverBlockCount: Int

    /// The constants `tools/fit-vad-model` fitted (`VoiceActivityModel`).
    public static let fitted = VoiceActivityCombiner(
        weights: VoiceActivityModel.weights, bias: VoiceActivityModel.bias,
        onsetProbability: VoiceActivityModel.onsetProbability,
        releaseProbability: VoiceActivityModel.releaseProbability,
        silenceProbability: VoiceActivityModel.silenceProbability,
        hangoverBlockCount: VoiceActivityModel.hangoverBlockCount,
        shortHangoverBlockCount: VoiceActivityModel.shortHangoverBlockCount)

    /// The prototype's constants, which the barge-in detector was tuned with.
    public static let bargeIn = VoiceActivityCombiner(
        weights: SIMD16<Float>(
            -0.512977, 0.129658, -0.094942, 0.629795, 0.008645, -0.889318, 10.514900, 2.936658, 0.002276, 0.222399,
            0, 0, 0, 0, 0, 0),
        bias: -5.597019, onsetProbability: 0.9, releaseProbability: 0.3, silenceProbability: 0.02,
        hangoverBlockCount: 18, shortHangoverBlockCount: 2)
}
