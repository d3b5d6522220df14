extension SampleConversion {
    /// The SIMD kernels: 16 samples per step, the reference kernel for the tail.
    ///
    /// Loads and stores are unaligned, so any buffer works; with `-target-cpu haswell` each step is a pair of AVX2
    /// operations.
    public enum Vectorized {
        /// Samples per SIMD step.
        static let laneCount = 16

        /// Converts `Int16` samples to `Float`; see `SampleConversion.convert(_:to:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `source.count`.
        public static func convert(
            _ source: UnsafeBufferPointer<Int16>, to destination: UnsafeMutableBufferPointer<Float>
        ) {
            checkCapacity(destination.count, needs: source.count)
            guard let input = source.baseAddress, let output = destination.baseAddress else { return }
            let vectorCount = source.count / laneCount * laneCount
            let scale = SIMD16<Float>(repeating: int16ToFloatScale)

            var index = 0
            while index < vectorCount {
                let samples = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD16<Int16>.self)
                let converted = float(widen(samples)) * scale
                UnsafeMutableRawPointer(output + index).storeBytes(of: converted, as: SIMD16<Float>.self)
                index += laneCount
            }

            Reference.convert(
                UnsafeBufferPointer(rebasing: source[vectorCount...]),
                to: UnsafeMutableBufferPointer(rebasing: destination[vectorCount...]))
        }

        /// Converts `Float` samples to `Int16`; see `SampleConversion.convert(_:to:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `source.count`.
        public static func convert(
            _ source: UnsafeBufferPointer<Float>, to destination: UnsafeMutableBufferPointer<Int16>
        ) {
            checkCapacity(destination.count, needs: source.count)
            guard let input = source.baseAddress, let output = destination.baseAddress else { return }
            let vectorCount = source.count / laneCount * laneCount
            let scale = SIMD16<Float>(repeating: floatToInt16Scale)
            let lowest = SIMD16<Float>(repeating: -32768)
            let highest = SIMD16<Float>(repeating: 32767)

            var index = 0
            while index < vectorCount {
                var scaled = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD16<Float>.self) * scale
                // Comparisons with NaN are false, so NaN passes both clips untouched and is then replaced.
                scaled.replace(with: highest, where: scaled .> highest)
                scaled.replace(with: lowest, where: scaled .< lowest)
                scaled.replace(with: 0, where: scaled .!= scaled)
                let converted = narrow(roundedToInt32(scaled))
                UnsafeMutableRawPointer(output + index).storeBytes(of: converted, as: SIMD16<Int16>.self)
                index += laneCount
            }

            Reference.convert(
                UnsafeBufferPointer(rebasing: source[vectorCount...]),
                to: UnsafeMutableBufferPointer(rebasing: destination[vectorCount...]))
        }

        // The standard library's generic lane conversions (`SIMD16<Float>(_:)`, `init(truncatingIfNeeded:)`,
        // `rounded(_:)`) stay out-of-line calls in release builds and cost more than a scalar loop. The helpers
        // below spell the same operations so that LLVM sees plain vector code (vpmovsxwd, vaddps, vpackssdw).

        /// 1.5 × 2²³: a Float this large has a unit last place, and adding any |x| < 2²² to it keeps it in
        /// the same binade, so the sum's low mantissa bits hold x rounded to the nearest integer (ties to even,
        /// the default rounding mode).
        static let magic: Float = 12_582_912

        /// The bit pattern of `magic`.
        static let magicBits: Int32 = 0x4B40_0000

        /// Sign-extends 16 Int16 lanes to Int32.
        @inline(__always)
        static func widen(_ v: SIMD16<Int16>) -> SIMD16<Int32> {
            SIMD16(
                Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]),
                Int32(v[7]), Int32(v[8]), Int32(v[9]), Int32(v[10]), Int32(v[11]), Int32(v[12]), Int32(v[13]),
                Int32(v[14]), Int32(v[15]))
        }

        /// Truncates 16 Int32 lanes, each already within Int16's range, to Int16.
        @inline(__always)
        static func narrow(_ v: SIMD16<Int32>) -> SIMD16<Int16> {
            SIMD16(
                Int16(truncatingIfNeeded: v[0]), Int16(truncatingIfNeeded: v[1]), Int16(truncatingIfNeeded: v[2]),
                Int16(truncatingIfNeeded: v[3]), Int16(truncatingIfNeeded: v[4]), Int16(truncatingIfNeeded: v[5]),
                Int16(truncatingIfNeeded: v[6]), Int16(truncatingIfNeeded: v[7]), Int16(truncatingIfNeeded: v[8]),
                Int16(truncatingIfNeeded: v[9]), Int16(truncatingIfNeeded: v[10]), Int16(truncatingIfNeeded: v[11]),
                Int16(truncatingIfNeeded: v[12]), Int16(truncatingIfNeeded: v[13]), Int16(truncatingIfNeeded: v[14]),
                Int16(truncatingIfNeeded: v[15]))
        }

        /// `Float(n)` for each lane, exact for |n| < 2²²: the bits of `magic` + n, read as a Float, less `magic`.
        @inline(__always)
        static func float(_ n: SIMD16<Int32>) -> SIMD16<Float> {
            unsafeBitCast(n &+ magicBits, to: SIMD16<Float>.self) - magic
        }

        /// Each lane rounded to the nearest integer, ties to even, for |x| < 2²².
        @inline(__always)
        static func roundedToInt32(_ x: SIMD16<Float>) -> SIMD16<Int32> {
            unsafeBitCast(x + magic, to: SIMD16<Int32>.self) &- magicBits
        }

        /// Averages interleaved stereo into mono; see `SampleConversion.downmixStereo(_:to:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `stereo.count`.
        public static func downmixStereo(
            _ stereo: UnsafeBufferPointer<Float>, to mono: UnsafeMutableBufferPointer<Float>
        ) {
            checkStereo(stereo.count)
            let frameCount = stereo.count / 2
            checkCapacity(mono.count, needs: frameCount)
            guard let input = stereo.baseAddress, let output = mono.baseAddress else { return }
            let vectorFrameCount = frameCount / (laneCount / 2) * (laneCount / 2)

            var frame = 0
            while frame < vectorFrameCount {
                let frames = UnsafeRawPointer(input + 2 * frame).loadUnaligned(as: SIMD16<Float>.self)
                let mixed = (frames.evenHalf + frames.oddHalf) * 0.5
                UnsafeMutableRawPointer(output + frame).storeBytes(of: mixed, as: SIMD8<Float>.self)
                frame += laneCount / 2
            }

            Reference.downmixStereo(
                UnsafeBufferPointer(rebasing: stereo[(2 * vectorFrameCount)...]),
                to: UnsafeMutableBufferPointer(rebasing: mono[vectorFrameCount...]))
        }

        /// Splits interleaved stereo; see `SampleConversion.deinterleaveStereo(_:left:right:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `stereo.count`.
        public static func deinterleaveStereo(
            _ stereo: UnsafeBufferPointer<Float>, left: UnsafeMutableBufferPointer<Float>,
            right: UnsafeMutableBufferPointer<Float>
        ) {
            checkStereo(stereo.count)
            let frameCount = stereo.count / 2
            checkCapacity(left.count, needs: frameCount)
            checkCapacity(right.count, needs: frameCount)
            guard let input = stereo.baseAddress, let leftOutput = left.baseAddress,
                let rightOutput = right.baseAddress
            else { return }
            let vectorFrameCount = frameCount / (laneCount / 2) * (laneCount / 2)

            var frame = 0
            while frame < vectorFrameCount {
                let frames = UnsafeRawPointer(input + 2 * frame).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(leftOutput + frame).storeBytes(of: frames.evenHalf, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(rightOutput + frame).storeBytes(of: frames.oddHalf, as: SIMD8<Float>.self)
                frame += laneCount / 2
            }

            Reference.deinterleaveStereo(
                UnsafeBufferPointer(rebasing: stereo[(2 * vectorFrameCount)...]),
                left: UnsafeMutableBufferPointer(rebasing: left[vectorFrameCount...]),
                right: UnsafeMutableBufferPointer(rebasing: right[vectorFrameCount...]))
        }

        /// Joins two channels into interleaved stereo; see `SampleConversion.interleaveStereo(left:right:to:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `left.count`.
        public static func interleaveStereo(
            left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>,
            to stereo: UnsafeMutableBufferPointer<Float>
        ) {
            precondition(left.count == right.count, "left has \(left.count) samples, right \(right.count)")
            checkCapacity(stereo.count, needs: 2 * left.count)
            guard let leftInput = left.baseAddress, let rightInput = right.baseAddress,
                let output = stereo.baseAddress
            else { return }
            let vectorFrameCount = left.count / (laneCount / 2) * (laneCount / 2)

            var frame = 0
            while frame < vectorFrameCount {
                var frames = SIMD16<Float>()
                frames.evenHalf = UnsafeRawPointer(leftInput + frame).loadUnaligned(as: SIMD8<Float>.self)
                frames.oddHalf = UnsafeRawPointer(rightInput + frame).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(output + 2 * frame).storeBytes(of: frames, as: SIMD16<Float>.self)
                frame += laneCount / 2
            }

            Reference.interleaveStereo(
                left: UnsafeBufferPointer(rebasing: left[vectorFrameCount...]),
                right: UnsafeBufferPointer(rebasing: right[vectorFrameCount...]),
                to: UnsafeMutableBufferPointer(rebasing: stereo[(2 * vectorFrameCount)...]))
        }
    }
}
