extension BargeInKernels {
    /// The scalar kernels: one frame, one tap, one lag at a time. They define the result.
    enum Reference {
        /// The prediction; see `BargeInKernels.predict(taps:tapCount:far:capture:residual:frameCount:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(frameCount × tapCount).
        static func predict(
            taps: UnsafePointer<Float>, tapCount: Int, far: UnsafePointer<Float>, capture: UnsafePointer<Float>,
            residual: UnsafeMutablePointer<Float>, frameCount: Int
        ) {
            for frame in 0..<frameCount {
                let window = far + frame
                var estimate: Float = 0
                for tap in 0..<tapCount {
                    estimate += taps[tap] * window[tap]
                }
                residual[frame] = capture[frame] - estimate
            }
        }

        /// The NLMS update; see `BargeInKernels.adapt(taps:tapCount:far:capture:frameCount:stepSize:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(frameCount × tapCount).
        static func adapt(
            taps: UnsafeMutablePointer<Float>, tapCount: Int, far: UnsafePointer<Float>,
            capture: UnsafePointer<Float>, frameCount: Int, stepSize: Float
        ) {
            for frame in 0..<frameCount {
                let window = far + frame
                var estimate: Float = 0
                var power: Float = 0
                for tap in 0..<tapCount {
                    estimate += taps[tap] * window[tap]
                    power += window[tap] * window[tap]
                }
                let gain = stepSize * (capture[frame] - estimate) / (power + Float(tapCount) * 1e-6)
                for tap in 0..<tapCount {
                    taps[tap] += gain * window[tap]
                }
            }
        }

        /// The sum of squares; see `BargeInKernels.sumOfSquares(_:count:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(count).
        static func sumOfSquares(_ samples: UnsafePointer<Float>, count: Int) -> Float {
            var sum: Float = 0
            for index in 0..<count {
                sum += samples[index] * samples[index]
            }
            return sum
        }

        /// The covariance step; see `BargeInKernels.updateCovariance(_:envelopes:count:decay:weight:mean:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(count).
        static func updateCovariance(
            _ covariance: UnsafeMutablePointer<Float>, envelopes: UnsafePointer<Float>, count: Int, decay: Float,
            weight: Float, mean: Float
        ) {
            for lag in 0..<count {
                covariance[lag] = decay * covariance[lag] + weight * (envelopes[lag] - mean)
            }
        }
    }
}
