/// Converts samples between the edge format (`Int16`) and the internal one (`Float`), and between stereo and mono.
///
/// Scaling is by 2¹⁵ both ways: `Int16` *n* becomes `Float` *n* / 32768, so −32768 maps to exactly −1.0 and a
/// round trip `Int16` → `Float` → `Int16` is lossless. `Float` to `Int16` rounds to nearest (ties to even), clips
/// to −32768...32767 (so +1.0 becomes 32767) and turns NaN into 0.
///
/// Each kernel has two implementations side by side: `Vectorized` (SIMD16 lanes; AVX2 in the default build) and
/// `Reference` (one sample at a time, the definition of the result). They compute the same operations per sample,
/// so they agree bit for bit on every input; the tests hold them to that on random input. The entry points on
/// `SampleConversion` itself pick one: `Vectorized` unless the reference is forced with `isReferenceForced` or by
/// starting the process with `ATTENDANT_REFERENCE_KERNELS=1`, which is how a suspected SIMD bug is ruled out and
/// how a benchmark measures the scalar baseline.
///
/// Buffers must not overlap. A destination shorter than the conversion needs traps.
public enum SampleConversion {
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

    /// Converts `Int16` samples to `Float` in `-1.0..<1.0`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - source: Samples to convert.
    ///   - destination: At least `source.count` samples; the first `source.count` are overwritten.
    /// - Complexity: O(*n*), where *n* is `source.count`.
    public static func convert(_ source: UnsafeBufferPointer<Int16>, to destination: UnsafeMutableBufferPointer<Float>)
    {
        if isReferenceForced {
            Reference.convert(source, to: destination)
        } else {
            Vectorized.convert(source, to: destination)
        }
    }

    /// Converts `Float` samples to `Int16`, rounding to nearest, clipping and mapping NaN to 0.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - source: Samples to convert; nominally `-1.0...1.0`.
    ///   - destination: At least `source.count` samples; the first `source.count` are overwritten.
    /// - Complexity: O(*n*), where *n* is `source.count`.
    public static func convert(_ source: UnsafeBufferPointer<Float>, to destination: UnsafeMutableBufferPointer<Int16>)
    {
        if isReferenceForced {
            Reference.convert(source, to: destination)
        } else {
            Vectorized.convert(source, to: destination)
        }
    }

    /// Averages the two channels of interleaved stereo frames into mono frames.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - stereo: Interleaved left/right samples; an odd count traps.
    ///   - mono: At least `stereo.count / 2` samples.
    /// - Complexity: O(*n*), where *n* is `stereo.count`.
    public static func downmixStereo(_ stereo: UnsafeBufferPointer<Float>, to mono: UnsafeMutableBufferPointer<Float>) {
        if isReferenceForced {
            Reference.downmixStereo(stereo, to: mono)
        } else {
            Vectorized.downmixStereo(stereo, to: mono)
        }
    }

    /// Splits interleaved stereo frames into a left and a right channel.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - stereo: Interleaved left/right samples; an odd count traps.
    ///   - left: At least `stereo.count / 2` samples.
    ///   - right: At least `stereo.count / 2` samples.
    /// - Complexity: O(*n*), where *n* is `stereo.count`.
    public static func deinterleaveStereo(
        _ stereo: UnsafeBufferPointer<Float>, left: UnsafeMutableBufferPointer<Float>,
        right: UnsafeMutableBufferPointer<Float>
    ) {
        if isReferenceForced {
            Reference.deinterleaveStereo(stereo, left: left, right: right)
        } else {
            Vectorized.deinterleaveStereo(stereo, left: left, right: right)
        }
    }

    /// Joins a left and a right channel into interleaved stereo frames.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - left: The left channel.
    ///   - right: The right channel, as long as `left`; a different count traps.
    ///   - stereo: At least `2 * left.count` samples.
    /// - Complexity: O(*n*), where *n* is `left.count`.
    public static func interleaveStereo(
        left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>,
        to stereo: UnsafeMutableBufferPointer<Float>
    ) {
        if isReferenceForced {
            Reference.interleaveStereo(left: left, right: right, to: stereo)
        } else {
            Vectorized.interleaveStereo(left: left, right: right, to: stereo)
        }
    }

    /// `Int16` to `Float` scale: exactly 2⁻¹⁵, so the multiplication is exact.
    static let int16ToFloatScale: Float = 1.0 / 32768.0

    /// `Float` to `Int16` scale.
    static let floatToInt16Scale: Float = 32768.0

    static func checkCapacity(_ destinationCount: Int, needs count: Int) {
        precondition(destinationCount >= count, "destination holds \(destinationCount) samples; needs \(count)")
    }

    static func checkStereo(_ sampleCount: Int) {
        precondition(sampleCount % 2 == 0, "interleaved stereo needs an even sample count, not \(sampleCount)")
    }
}
