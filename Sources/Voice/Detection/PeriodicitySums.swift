/// The periodicity kernel's sums over the newer half of the correlation window, kept for the next block.
///
/// The correlation window (20 ms of the pitch signal) spans two 10 ms blocks, so each window sum is this block's half
/// plus the previous block's half. Keeping the previous half halves the work per block and gives the same sums as
/// summing the whole window, up to the order of the additions. Lane *j* of group *g* is lag
/// `minimumLag + 8g + 7 − j`, the layout of the SIMD kernel's loads; the reference writes the same layout.
///
/// Real-time safe: a plain value with no references.
public struct PeriodicitySums: Sendable {
    /// Groups of eight lags.
    public static let groupCount = VoiceActivityKernels.lagCount / 8

    /// Sum of squares of the newer half window.
    public var windowEnergy: Float = 0
    /// Per lag, the newer half window times the lagged signal.
    public var correlation = InlineArray<7, SIMD8<Float>>(repeating: .zero)
    /// Per lag, the sum of squares of the lagged signal under the newer half window.
    public var laggedEnergy = InlineArray<7, SIMD8<Float>>(repeating: .zero)

    /// Zero sums, as before the first block.
    public init() {}

    /// The group and lane that hold `lag`.
    @inline(__always)
    static func position(ofLag lag: Int) -> (group: Int, lane: Int) {
        let offset = lag - VoiceActivityKernels.minimumLag
        return (offset / 8, 7 - offset % 8)
    }
}
