import AudioCore

/// The per-block kernels of `BargeInEchoCanceller`: the NLMS filter's echo prediction and its sample-by-sample
/// update, the sums of squares behind the 2 ms envelopes and the block powers, and the delay finder's per-lag
/// covariance update.
///
/// Each kernel has two implementations side by side: `Vectorized` (explicit `SIMD8<Float>` and `SIMD16<Float>`
/// arithmetic) and `Reference` (one sample, one tap or one lag at a time, the definition of the result). The
/// prediction runs eight capture frames in the lanes of a vector, each lane summing its taps in the reference's
/// order, and the covariance update is lane-wise, so those two agree with the reference bit for bit. The NLMS
/// update and the sums of squares add across the lanes, so their sums are reassociated: the tests hold them to a
/// relative error of 1e-5 of the sum of the magnitudes added (see `BargeInKernelTests`). The entry points pick
/// `Vectorized` unless the reference is forced with `isReferenceForced` or by starting the process with
/// `ATTENDANT_REFERENCE_KERNELS=1` (the variable that also forces `VoiceActivityKernels`' reference).
///
/// All pointers must be valid for the counts stated; the kernels check nothing.
public enum BargeInKernels {
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

    /// The a priori residual: `residual[n] = capture[n] − Σₜ taps[t] · far[n + t]` for n in 0..<frameCount.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - taps: `tapCount` filter taps.
    ///   - far: the far end, `frameCount + tapCount − 1` samples; frame n's window starts at `far + n`.
    ///   - capture: `frameCount` capture frames.
    ///   - residual: receives `frameCount` frames; may not overlap the inputs.
    /// - Complexity: O(frameCount × tapCount).
    static func predict(
        taps: UnsafePointer<Float>, tapCount: Int, far: UnsafePointer<Float>, capture: UnsafePointer<Float>,
        residual: UnsafeMutablePointer<Float>, frameCount: Int
    ) {
        if isReferenceForced {
            Reference.predict(
                taps: taps, tapCount: tapCount, far: far, capture: capture, residual: residual,
                frameCount: frameCount)
        } else {
            Vectorized.predict(
                taps: taps, tapCount: tapCount, far: far, capture: capture, residual: residual,
                frameCount: frameCount)
        }
    }

    /// The NLMS update, frame by frame: with e = capture[n] − taps · w and p = w · w for frame n's window
    /// w = far[n ..< n + tapCount], `taps += stepSize · e / (p + tapCount · 1e-6) · w`, before the next frame.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - taps: `tapCount` filter taps, updated in place.
    ///   - far: the far end, `frameCount + tapCount − 1` samples; frame n's window starts at `far + n`.
    ///   - capture: `frameCount` capture frames.
    ///   - stepSize: the NLMS step (0 to 2).
    /// - Complexity: O(frameCount × tapCount).
    static func adapt(
        taps: UnsafeMutablePointer<Float>, tapCount: Int, far: UnsafePointer<Float>, capture: UnsafePointer<Float>,
        frameCount: Int, stepSize: Float
    ) {
        if isReferenceForced {
            Reference.adapt(
                taps: taps, tapCount: tapCount, far: far, capture: capture, frameCount: frameCount, stepSize: stepSize)
        } else {
            Vectorized.adapt(
                taps: taps, tapCount: tapCount, far: far, capture: capture, frameCount: frameCount, stepSize: stepSize)
        }
    }

    /// Σ samples[i]² over `count` samples.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(count).
    static func sumOfSquares(_ samples: UnsafePointer<Float>, count: Int) -> Float {
        if isReferenceForced {
            Reference.sumOfSquares(samples, count: count)
        } else {
            Vectorized.sumOfSquares(samples, count: count)
        }
    }

    /// The delay finder's covariance step for every lag: `covariance[l] = decay · covariance[l] + weight ·
    /// (envelopes[l] − mean)`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - covariance: `count` running covariances, updated in place.
    ///   - envelopes: `count` far-end envelopes, the one paired with lag l at index l.
    /// - Complexity: O(count).
    static func updateCovariance(
        _ covariance: UnsafeMutablePointer<Float>, envelopes: UnsafePointer<Float>, count: Int, decay: Float,
        weight: Float, mean: Float
    ) {
        if isReferenceForced {
            Reference.updateCovariance(
                covariance, envelopes: envelopes, count: count, decay: decay, weight: weight, mean: mean)
        } else {
            Vectorized.updateCovariance(
                covariance, envelopes: envelopes, count: count, decay: decay, weight: weight, mean: mean)
        }
    }
}
