/// The constants of Attendant's voice-activity detector: the feature tracking rates, the combiner's weights and the
/// decision thresholds.
///
/// `tools/fit-vad-model` fits the weights and the hangover between the `fit-vad-model` marks from tuning data
/// only: the `concat1` track of `vad_concat` (every variant), the LibriVox single track, and mixes of `concat1`'s
/// clean speech with the Speech Commands noises at 5–20 dB SNR and the derived babble at 15–20 dB (other noise
/// offsets than the corpus's, the 10 dB mixes also at 8 kHz, resampled by sox without dither). It fits a logistic
/// regression whose target is the labelled speech blocks within 30 dB of their utterance's loudest block (quieter
/// labelled blocks, the pauses inside an utterance, carry no weight; the hangover bridges them), refines it by a
/// coordinate search for its objective (mean tuning accuracy plus the shortfalls against the targets on
/// `concat1` and the 5 dB tap mix, less a cost per turn split inside labelled speech), and picks the hangover from a
/// fixed grid. The `concat2` track is not read: it is the reported test set. `tools/fit-vad-model --check` exits 0
/// when the block below is its output. The tracking rates above the marks are design choices, not fitted.
///
/// The barge-in classifier does not use these: see `VoiceActivityCombiner.bargeIn`.
///
/// Real-time safe: constants only.
public enum VoiceActivityModel {
    /// Lowest band level, in dB relative to full-scale power: digital silence sits here.
    static let floorDecibels: Float = -100

    /// How fast a band's noise floor follows a level below it (fraction of the gap per block).
    static let floorFallRate: Float = 0.3

    /// How fast a band's noise floor follows a level above it (fraction of the gap per block)...
    static let floorRiseRate: Float = 0.02

    /// ...but never more than this many dB per block (10 dB/s), so a long vowel does not become the floor.
    static let floorMaximumRise: Float = 0.1

    /// How fast the remembered speech peak decays, in dB per block (5 dB/s).
    static let peakDecay: Float = 0.05

    /// Smoothing of the periodicity across blocks: `s ← 0.7 s + 0.3 p`.
    static let periodicitySmoothing: Float = 0.7

    /// Band signal-to-noise ratio above which a band counts as active, in dB.
    static let activeBandDecibels: Float = 6

    /// Features the combiner weighs: lanes 0 ..< featureCount of `VoiceActivityFeatures.update`'s vector.
    public static let featureCount = 10

    // fit-vad-model: begin
    // Written by tools/fit-vad-model from the tuning data; do not edit by hand.

    /// The combiner: probability = 1 / (1 + e^−(w·f + bias)) over the features of `VoiceActivityFeatures`.
    static let weights = SIMD16<Float>(
        -0.152519, 0.166102, -0.046408, 0.393324, 0.125473, 1.534809, 1.941891, 0.104946, 0.010456, 0.133668,
        0, 0, 0, 0, 0, 0)
    static let bias: Float = -2.947222

    /// Speech starts when the probability reaches this.
    static let onsetProbability: Float = 0.8

    /// Below this the hangover counts down.
    static let releaseProbability: Float = 0.3

    /// Below this the block is clearly not speech and the hangover is cut to `shortHangoverBlockCount`.
    static let silenceProbability: Float = 0.01

    /// Blocks of hangover after the last block at `onsetProbability` (180 ms).
    static let hangoverBlockCount = 18

    /// Hangover left once a block is clearly not speech (0 ms).
    static let shortHangoverBlockCount = 0
    // fit-vad-model: end
}
