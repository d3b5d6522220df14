import Foundation
import Synchronization

/// The per-block feature kernels of `VoiceActivityDetector`: an eight-band biquad filter bank with a pitch-band
/// branch, and a normalised autocorrelation peak over the pitch lags.
///
/// Each kernel has two implementations side by side: `Vectorized` (the eight bands, or eight lags, in the lanes of
/// one `SIMD8<Float>`) and `Reference` (one band or one lag at a time, the definition of the result). Both perform
/// the same fused multiply-adds in the same order per band and per lag, so they agree bit for bit; the tests allow a
/// relative error of 1e-5 so that a compiler that reassociates one of them still passes, and nothing looser. The
/// entry points here pick `Vectorized` unless the reference is forced with `isReferenceForced` or by starting the
/// process with `ATTENDANT_REFERENCE_KERNELS=1`.
public enum VoiceActivityKernels {
    /// Which implementation the entry points run.
    public enum Kernel: Hashable, Sendable {
        /// Eight bands or eight lags per SIMD step.
        case vectorized
        /// One band or one lag at a time.
        case reference
    }

    private static let referenceForced = Atomic<Bool>(
        ProcessInfo.processInfo.environment["ATTENDANT_REFERENCE_KERNELS"] == "1")

    /// Whether the entry points run the scalar reference instead of the SIMD kernels.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next call.
    public static var isReferenceForced: Bool {
        // Relaxed: a mode switch; no other memory is published with it.
        get { referenceForced.load(ordering: .relaxed) }
        set { referenceForced.store(newValue, ordering: .relaxed) }
    }

    /// The implementation the entry points currently run.
    ///
    /// Real-time safe: no locks, no allocation.
    public static var kernel: Kernel { isReferenceForced ? .reference : .vectorized }

    /// The shortest pitch lag searched, in samples of the 4 kHz pitch signal (400 Hz).
    public static let minimumLag = 10

    /// Lags searched: `minimumLag ..< minimumLag + lagCount` (400 Hz down to 62 Hz at 4 kHz).
    public static let lagCount = 56

    /// Samples of the 4 kHz pitch signal in the correlation window (20 ms).
    public static let windowCount = 80

    /// Pitch-signal samples the autocorrelation reads before the end of the window.
    public static let historyCount = windowCount + minimumLag + lagCount

    /// Window energy below which the periodicity is taken as 0 (−70 dBFS mean power): the normalised correlation of
    /// a near-silent or constant signal (A-law's digital silence) says nothing about voicing.
    static let minimumWindowEnergy: Float = Float(windowCount) * 1e-7

    /// Runs the filter bank over one block, updating `state`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - samples: The block, any length.
    ///   - bank: The eight band-pass sections and the pitch-band section.
    ///   - state: Filter memory, carried from block to block.
    ///   - pitch: Receives every `bank.decimation`-th output of the pitch-band section, starting with the first
    ///     sample of the block; needs `samples.count / bank.decimation` slots.
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
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter signal: At least `historyCount` samples; the window is the last `windowCount`.
    /// - Returns: 0 (no periodicity, or a near-silent window) to 1 (exactly periodic).
    /// - Complexity: O(`windowCount` × `lagCount`).
    public static func periodicity(_ signal: UnsafeBufferPointer<Float>) -> Float {
        if isReferenceForced {
            Reference.periodicity(signal)
        } else {
            Vectorized.periodicity(signal)
        }
    }

    static func checkPitchCapacity(_ pitchCount: Int, sampleCount: Int, decimation: Int) {
        precondition(
            pitchCount >= sampleCount / decimation,
            "pitch buffer holds \(pitchCount) samples; needs \(sampleCount / decimation)")
    }

    static func checkHistory(_ count: Int) {
        precondition(count >= historyCount, "the pitch signal holds \(count) samples; needs \(historyCount)")
    }
}
