// SIMD kernels. Each takes 16 samples per step in Int32 lanes (two AVX2 registers) and hands the tail of a block
// to the scalar reference, so blocks of any length work. They give the reference's results bit for bit; the tests
// check every Int16 input and every code.
//
// The encoders find the segment without a loop: converted to Float, a positive integer n keeps
// floor(log2(n)) + 127 in its exponent field and the four bits below its leading one at the top of its mantissa,
// so `bits >> 19` is (exponent << 4) | those four bits. For the values G.711 quantizes that is exactly the
// segment (offset by a constant) beside the step.

extension G711 {
    static let laneCount = 16

    // The standard library's generic lane conversions (`init(truncatingIfNeeded:)`, `SIMD16<Float>(_:)`) and
    // `pointwiseMin` stay out-of-line calls in release builds and cost more than the arithmetic around them. The
    // helpers below spell the same operations so that LLVM sees plain vector code (vpmovsxwd, vpmovzxbd, vpminsd).

    /// Sign-extends 16 Int16 lanes to Int32.
    @inline(__always)
    static func widen(_ v: SIMD16<Int16>) -> SIMD16<Int32> {
        SIMD16(
            Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]),
            Int32(v[8]), Int32(v[9]), Int32(v[10]), Int32(v[11]), Int32(v[12]), Int32(v[13]), Int32(v[14]),
            Int32(v[15]))
    }

    /// Zero-extends 16 UInt8 lanes to Int32.
    @inline(__always)
    static func widen(_ v: SIMD16<UInt8>) -> SIMD16<Int32> {
        SIMD16(
            Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]),
            Int32(v[8]), Int32(v[9]), Int32(v[10]), Int32(v[11]), Int32(v[12]), Int32(v[13]), Int32(v[14]),
            Int32(v[15]))
    }

    /// The bit pattern of `Float(n)` for 0 ≤ n < 2²³, without a conversion instruction call: 2²³ + n is exact in
    /// a Float whose mantissa is n, and subtracting 2²³ leaves Float(n).
    @inline(__always)
    static func floatBits(_ n: SIMD16<Int32>) -> SIMD16<Int32> {
        let shifted = unsafeBitCast(n | 0x4B00_0000, to: SIMD16<Float>.self) - 8_388_608
        return unsafeBitCast(shifted, to: SIMD16<Int32>.self)
    }

    /// Lane-wise minimum of `a` and `b`, for a - b that does not overflow.
    @inline(__always)
    static func minimum(_ a: SIMD16<Int32>, _ b: SIMD16<Int32>) -> SIMD16<Int32> {
        let difference = a &- b
        return b &+ (difference & (difference &>> 31))
    }

    /// µ-law codes of 16 samples; same result as `encodeMuLawReference` on each lane.
    @inline(__always)
    static func encodeMuLaw(_ samples: SIMD16<Int16>) -> SIMD16<UInt8> {
        let value = widen(samples)
        let magnitude = (value ^ (value &>> 31)) &>> 2
        let biased = minimum(magnitude &+ 33, SIMD16(repeating: 0x1FFF))

        // biased ≥ 33, so floor(log2(biased)) = segment + 5 and the four bits below the leading one are the step.
        let bits = floatBits(biased)
        let segmentAndStep = (bits &>> 19) &- ((127 + 5) << 4)

        let positiveBit = (~value &>> 31) & 0x80
        return SIMD16<UInt8>(truncatingIfNeeded: (0x7F &- segmentAndStep) | positiveBit)
    }

    /// A-law codes of 16 samples; same result as `encodeALawReference` on each lane.
    @inline(__always)
    static func encodeALaw(_ samples: SIMD16<Int16>) -> SIMD16<UInt8> {
        let value = widen(samples)
        let magnitude = (value ^ (value &>> 31)) &>> 3

        // From 32 up, floor(log2(magnitude)) = segment + 4 and the four bits below the leading one are the step.
        // Below 32 (segment 0, steps of 2) the lane gets 32 added, which reads as segment 1 with the right step,
        // and 16 (one segment) comes off the result.
        let smallMask = (magnitude &- 32) &>> 31
        let bits = floatBits(magnitude &+ (smallMask & 32))
        let segmentAndStep = (bits &>> 19) &- ((127 + 4) << 4) &+ (smallMask & -16)

        let positiveBit = (~value &>> 31) & 0x80
        return SIMD16<UInt8>(truncatingIfNeeded: (segmentAndStep | positiveBit) ^ 0x55)
    }

    /// Samples for 16 µ-law codes; same result as `decodeMuLawReference` on each lane.
    @inline(__always)
    static func decodeMuLaw(_ codes: SIMD16<UInt8>) -> SIMD16<Int16> {
        let inverted = widen(~codes)
        let segment = (inverted &>> 4) & 0x7
        let step = inverted & 0xF

        let magnitude = (((step &<< 3) &+ 132) &<< segment) &- 132
        let negativeMask = 0 &- ((inverted &>> 7) & 1)
        return SIMD16<Int16>(truncatingIfNeeded: (magnitude ^ negativeMask) &- negativeMask)
    }

    /// Samples for 16 A-law codes; same result as `decodeALawReference` on each lane.
    @inline(__always)
    static func decodeALaw(_ codes: SIMD16<UInt8>) -> SIMD16<Int16> {
        let uninverted = widen(codes ^ 0x55)
        let segment = (uninverted &>> 4) & 0x7
        let step = uninverted & 0xF

        let isAboveSegmentZero = minimum(segment, SIMD16(repeating: 1))
        let magnitude = ((step &<< 4) &+ 8 &+ (isAboveSegmentZero &<< 8)) &<< (segment &- isAboveSegmentZero)
        let negativeMask = ((uninverted &>> 7) & 1) &- 1
        return SIMD16<Int16>(truncatingIfNeeded: (magnitude ^ negativeMask) &- negativeMask)
    }

    static func encodeMuLawVectorized(
        _ source: UnsafePointer<Int16>, _ destination: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        let vectorCount = count - count % laneCount
        var index = 0
        while index < vectorCount {
            let samples = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<Int16>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: encodeMuLaw(samples), as: SIMD16<UInt8>.self)
            index += laneCount
        }
        encodeReference(source + index, destination + index, count - index, encodeMuLawReference)
    }

    static func encodeALawVectorized(
        _ source: UnsafePointer<Int16>, _ destination: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        let vectorCount = count - count % laneCount
        var index = 0
        while index < vectorCount {
            let samples = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<Int16>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: encodeALaw(samples), as: SIMD16<UInt8>.self)
            index += laneCount
        }
        encodeReference(source + index, destination + index, count - index, encodeALawReference)
    }

    static func decodeMuLawVectorized(
        _ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<Int16>, _ count: Int
    ) {
        let vectorCount = count - count % laneCount
        var index = 0
        while index < vectorCount {
            let codes = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<UInt8>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: decodeMuLaw(codes), as: SIMD16<Int16>.self)
            index += laneCount
        }
        decodeReference(source + index, destination + index, count - index, decodeMuLawReference)
    }

    static func decodeALawVectorized(
        _ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<Int16>, _ count: Int
    ) {
        let vectorCount = count - count % laneCount
        var index = 0
        while index < vectorCount {
            let codes = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<UInt8>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: decodeALaw(codes), as: SIMD16<Int16>.self)
            index += laneCount
        }
        decodeReference(source + index, destination + index, count - index, decodeALawReference)
    }
}
