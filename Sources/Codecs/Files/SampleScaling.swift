/// The one scale Attendant uses between float samples and integers: an integer sample `s` of `b` bits is the float
/// `s / 2^(b−1)`.
///
/// libsndfile reads with that scale but writes floats with `2^(b−1) − 1`, so a float written and read back through
/// libsndfile alone would lose 1/32768 of its level. The reader and writer do their integer conversion here
/// instead, which makes a PCM16 write and read exact.
///
/// Real-time safe: no locks, no allocation.
enum SampleScaling {
    /// Rounds a float to 16 bits, clipping to the range and mapping NaN to 0.
    @inline(__always)
    static func int16(_ sample: Float) -> Int16 {
        let scaled = (sample * 32_768).rounded()
        if scaled >= 32_767 { return .max }
        if scaled <= -32_768 { return .min }
        return scaled.isNaN ? 0 : Int16(scaled)
    }

    /// Rounds a float to `bitCount` bits (at most 32) and left-aligns it in 32 bits, clipping and mapping NaN to 0,
    /// so that libsndfile's `sf_writef_int` (which keeps the top bits) writes exactly the rounded value.
    @inline(__always)
    static func int32(_ sample: Float, bitCount: Int) -> Int32 {
        let fullScale = Double(1 << (bitCount - 1))
        let scaled = (Double(sample) * fullScale).rounded()
        let clipped: Double
        if scaled.isNaN {
            clipped = 0
        } else {
            clipped = min(max(scaled, -fullScale), fullScale - 1)
        }
        return Int32(clipped) << Int32(32 - bitCount)
    }

    /// An integer sample as a float in −1…1.
    @inline(__always)
    static func float(_ sample: Int16) -> Float {
        Float(sample) / 32_768
    }
}
