extension SampleConversion {
    /// The scalar kernels: one sample at a time, the definition every SIMD kernel must match bit for bit.
    public enum Reference {
        /// Converts `Int16` samples to `Float`; see `SampleConversion.convert(_:to:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `source.count`.
        public static func convert(
            _ source: UnsafeBufferPointer<Int16>, to destination: UnsafeMutableBufferPointer<Float>
        ) {
            checkCapacity(destination.count, needs: source.count)
            for index in source.indices {
                destination[index] = Float(source[index]) * int16ToFloatScale
            }
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
            for index in source.indices {
                destination[index] = int16Sample(source[index])
            }
        }

        /// One `Float` sample as `Int16`: scale, NaN to 0, clip, round to nearest with ties to even.
        ///
        /// Clipping before rounding gives the same result as after, since both bounds are whole numbers.
        @inline(__always)
        static func int16Sample(_ sample: Float) -> Int16 {
            var scaled = sample * floatToInt16Scale
            if scaled.isNaN {
                scaled = 0
            }
            scaled = min(max(scaled, -32768), 32767)
            return Int16(scaled.rounded(.toNearestOrEven))
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
            for frame in 0..<frameCount {
                mono[frame] = (stereo[2 * frame] + stereo[2 * frame + 1]) * 0.5
            }
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
            for frame in 0..<frameCount {
                left[frame] = stereo[2 * frame]
                right[frame] = stereo[2 * frame + 1]
            }
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
            for frame in left.indices {
                stereo[2 * frame] = left[frame]
                stereo[2 * frame + 1] = right[frame]
            }
        }
    }
}
