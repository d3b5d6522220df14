import AudioCore

/// The per-block feature kernels of `VoiceActivityDetector`: an eight-band biquad filter bank with a pitch-band
/// branch, a normalised autocorrelation peak over the pitch lags, and band powers in dB.
///
/// Each kernel has two implementations side by side: `Vectorized` (the eight bands, or eight lags, in the lanes of
/// one `SIMD8<Float>`) and `Reference` (one band or one lag at a time, the definition of the result). Both perform
/// the same fused multiply-adds in the same order per band and per lag, so they agree bit for bit; the tests allow a
/// relative error of 1e-5 so that a compiler that reassociates one of them still passes, and nothing looser. The
/// entry points here pick `Vectorized` unless the reference is forced with `isReferenceForced` or by starting the
/// process with `ATTENDANT_REFERENCE_KERNELS=1`.
public enum VoiceActivityKernels {
    /// Which implementation the entry points run.
    public typealias Kernel = DSPKernel

    /// This family's switch between SIMD kernels and scalar references.
    public static let selection = KernelSelection()

    /// Whether the entry points run the scalar reference instead of the SIMD kernels.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next call.
    public static var isReferenceForced: Bool {
        get { selection.isReferenceForced }
        set { selection.isReferenceForced = newValue }
    }

    /// The implementation the entry points currently run.
    ///
    /// Real-time safe: no locks, no allocation.
    public static var kernel: Kernel { selection.kernel }

    /// The shortest pitch lag searched, in samples of the 4 kHz pitch signal (400 Hz).
    public static let minimumLag = 10

    /// Lags searched: `minimumLag ..< minimumLag + lagCount` (400 Hz down to 62 Hz at 4 kHz).
    public static let lagCount = 56

    /// Samples of the 4 kHz pitch signal in the correlation window (20 ms).
    public static let windowCount = 80

    /// Samples of the pitch signal each `periodicity(_:sums:)` call adds to the window (10 ms, one block).
    public static let halfWindowCount = windowCount / 2

    /// Pitch-signal samples the autocorrelation reads before the end of the window.
    public static let historyCount = windowCount + minimumLag + lagCount

    /// Window energy below which the periodicity is taken as 0 (−70 dBFS mean power): the normalised correlation of
    /// a near-silent or constant signal (A-law's digital silence) says nothing about voicing.
    static let minimumWindowEnergy: Float = Float(windowCount) * 1e-7

    /// Added to a power before taking its logarithm, so that digital silence reads as −100 dB.
    static let decibelOffset: Float = 1e-10

    /// dB per doubling of power: 10 log₁₀ 2.
    static let decibelsPerOctave: Float = 3.010_299_956

    /// log₂(1 + f) ≈ f (c₀ + f (c₁ + f (c₂ + f (c₃ + f c₄)))) for f in 0…1: a least-squares fit on Chebyshev nodes,
    /// within 2e-5 of log₂ (5e-5 dB) over the interval.
    static let log2Coefficients: (Float, Float, Float, Float, Float) = (
        1.441_879_9, -0.708_865_2, 0.415_245_56, -0.193_516_52, 0.045_268_293
    )

    /// Runs the filter bank over one block, updating `state`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - samples: The block, any length.
    ///   - bank: The eight band-pass sections and the pitch-band section.
    ///   - state: Filter memory, carried from block to block.
    ///   - pitch: Receives every `bank.decimation`-th output of the pitch-band section (those where
    ///     `state.decimationPhase` is 0); needs a slot for each, `samples.count / bank.decimation` for a whole
    ///     block.
    /// - Returns: Each band's sum of squared outputs over the block.
    /// - Complexity: O(*n*), where *n* is `samples.count`.
    public static func filter(
        _ samples: UnsafeBufferPointer<Float>, bank: FilterBankCoefficients, state: inout FilterBankState,
        pitch: UnsafeMutableBufferPointer<Float>
    ) -> SIMD8<Float> {
        if isReferenceForced {
            Reference.filter(samples, bank: bank, state: &state, pitch: pitch)
        } else {
            Vectorized.filter(samples, bank: bank, state: &state, pitch: pitch)
        }
    }

    /// The largest normalised autocorrelation of the pitch signal over the pitch lags, clamped below at 0.
    ///
    /// Each call must follow the previous one by exactly `halfWindowCount` new samples: the window's sums are this
    /// call's half plus the half that `sums` kept from the last call (zero before the first).
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - signal: At least `historyCount` samples; the window is the last `windowCount`.
    ///   - sums: The previous call's half-window sums; receives this call's.
    /// - Returns: 0 (no periodicity, or a near-silent window) to 1 (exactly periodic).
    /// - Complexity: O(`halfWindowCount` × `lagCount`).
    public static func periodicity(_ signal: UnsafeBufferPointer<Float>, sums: inout PeriodicitySums) -> Float {
        if isReferenceForced {
            Reference.periodicity(signal, sums: &sums)
        } else {
            Vectorized.periodicity(signal, sums: &sums)
        }
    }

    /// Each lane's power in dB relative to full scale, `10 log₁₀(power + 1e-10)`, from the exponent and a
    /// degree-5 polynomial of the mantissa (within 5e-5 dB of `log10f`, without its eight calls per block).
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public static func decibels(_ powers: SIMD8<Float>) -> SIMD8<Float> {
        if isReferenceForced {
            var levels = SIMD8<Float>()
            for lane in 0..<8 { levels[lane] = Reference.decibels(powers[lane]) }
            return levels
        } else {
            return Vectorized.decibels(powers)
        }
    }

    /// Traps unless `pitchCount` slots hold every pitch sample a call with this many samples, starting at
    /// `phase`, writes.
    static func checkPitchCapacity(_ pitchCount: Int, sampleCount: Int, decimation: Int, phase: Int) {
        let first = (decimation - phase) % decimation
        let needed = first < sampleCount ? (sampleCount - 1 - first) / decimation + 1 : 0
        precondition(pitchCount >= needed, "pitch buffer holds \(pitchCount) samples; needs \(needed)")
    }

    static func checkHistory(_ count: Int) {
        precondition(count >= historyCount, "the pitch signal holds \(count) samples; needs \(historyCount)")
    }
}
