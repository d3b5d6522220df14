import Foundation

/// The band-pass sections of the detector's filter bank, designed for one sample rate.
///
/// Eight second-order band-pass sections (constant 0 dB peak gain, the bilinear-transform design with the bandwidth
/// set by Q = centre / width, centre the geometric mean of the edges) split 200–3700 Hz, the band a telephone line
/// carries, so the detector sees the same bands at 8 and 16 kHz. A ninth section, 80–1000 Hz, feeds the pitch
/// signal, decimated to 4 kHz. Each section runs in direct form I, `y[n] = b0·(x[n] − x[n−2]) − a2·y[n−2] −
/// a1·y[n−1]` (a band-pass section has b1 = 0 and b2 = −b0), so that only one fused multiply-add lies on the
/// sample-to-sample dependency chain; the transposed form II it replaced had two, which made the bank twice as slow
/// for the same result.
///
/// Not real-time safe to make (it calls `sin` and `cos`); real-time safe to use once made.
public struct FilterBankCoefficients: Sendable, Equatable {
    /// The band edges in hertz, low to high.
    public static let bandEdges: [(low: Double, high: Double)] = [
        (200, 400), (400, 650), (650, 950), (950, 1300), (1300, 1750), (1750, 2300), (2300, 2950), (2950, 3700),
    ]

    /// The pitch-band edges in hertz.
    public static let pitchBandEdges = (low: 80.0, high: 1000.0)

    /// The rate of the pitch signal, in hertz.
    public static let pitchSampleRate = 4000

    /// The input rate the sections are designed for.
    public let sampleRate: Int

    /// Input samples per pitch-signal sample: 2 at 8 kHz, 4 at 16 kHz.
    public let decimation: Int

    /// Feed-forward gain of each band (b0 = −b2).
    public let gain: SIMD8<Float>
    /// First feedback coefficient of each band.
    public let a1: SIMD8<Float>
    /// Second feedback coefficient of each band.
    public let a2: SIMD8<Float>

    /// The pitch-band section: b0, a1, a2.
    public let pitchGain: Float
    public let pitchA1: Float
    public let pitchA2: Float

    /// Designs the bank for `sampleRate`, which must be a multiple of 4000 of at least 8000.
    public init(sampleRate: Int) {
        precondition(sampleRate >= 8000 && sampleRate % Self.pitchSampleRate == 0, "unsupported rate \(sampleRate)")
        self.sampleRate = sampleRate
        self.decimation = sampleRate / Self.pitchSampleRate
        var gain = SIMD8<Float>()
        var a1 = SIMD8<Float>()
        var a2 = SIMD8<Float>()
        for (band, edges) in Self.bandEdges.enumerated() {
            let section = Self.bandPass(low: edges.low, high: edges.high, sampleRate: sampleRate)
            gain[band] = section.gain
            a1[band] = section.a1
            a2[band] = section.a2
        }
        self.gain = gain
        self.a1 = a1
        self.a2 = a2
        let pitch = Self.bandPass(
            low: Self.pitchBandEdges.low, high: Self.pitchBandEdges.high, sampleRate: sampleRate)
        self.pitchGain = pitch.gain
        self.pitchA1 = pitch.a1
        self.pitchA2 = pitch.a2
    }

    /// One band-pass section between `low` and `high` hertz, normalised so that a0 = 1.
    static func bandPass(low: Double, high: Double, sampleRate: Int) -> (gain: Float, a1: Float, a2: Float) {
        let centre = (low * high).squareRoot()
        let quality = centre / (high - low)
        let omega = 2 * Double.pi * centre / Double(sampleRate)
        let alpha = sin(omega) / (2 * quality)
        let a0 = 1 + alpha
        return (Float(alpha / a0), Float(-2 * cos(omega) / a0), Float((1 - alpha) / a0))
    }
}

/// The memory of the filter bank's sections, carried from one block to the next.
///
/// Real-time safe: a plain value.
public struct FilterBankState: Sendable, Equatable {
    /// The previous input sample, shared by every section.
    public var x1: Float = 0
    /// The input sample before that.
    public var x2: Float = 0
    /// Each band's previous output.
    public var y1 = SIMD8<Float>()
    /// Each band's output before that.
    public var y2 = SIMD8<Float>()
    /// The pitch-band section's previous two outputs.
    public var pitchY1: Float = 0
    public var pitchY2: Float = 0
    /// Input samples since the last pitch sample was taken, so decimation runs across block edges.
    public var decimationPhase = 0

    /// Silent filters.
    public init() {}
}
