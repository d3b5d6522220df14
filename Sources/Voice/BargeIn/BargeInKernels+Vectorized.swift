extension BargeInKernels {
    /// The SIMD kernels.
    ///
    /// The loops use only lane-wise arithmetic, fused multiply-adds, unaligned loads and stores and the halves of
    /// a vector, which the compiler keeps inline; the generic SIMD reductions and conversions would stay
    /// out-of-line calls in release builds, so the one horizontal sum needed is written out.
    enum Vectorized {
        /// The prediction; see `BargeInKernels.predict(taps:tapCount:far:capture:residual:frameCount:)`.
        ///
        /// Eight frames per vector, four vectors (32 frames) at a time: each tap is broadcast once and multiplied
        /// into four unaligned loads of the far end, so no sum crosses lanes and each frame's estimate adds its
        /// taps in the reference's order, with the same unfused multiply and add. The four accumulators are
        /// independent chains that hide the adds' latency.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(frameCount × tapCount / 8).
        static func predict(
            taps: UnsafePointer<Float>, tapCount: Int, far: UnsafePointer<Float>, capture: UnsafePointer<Float>,
            residual: UnsafeMutablePointer<Float>, frameCount: Int
        ) {
            let laneBytes = 8 * MemoryLayout<Float>.stride
            var frame = 0
            while frame &+ 32 <= frameCount {
                var e0 = SIMD8<Float>()
                var e1 = SIMD8<Float>()
                var e2 = SIMD8<Float>()
                var e3 = SIMD8<Float>()
                var window = UnsafeRawPointer(far + frame)
                for tap in 0..<tapCount {
                    let weight = SIMD8<Float>(repeating: taps[tap])
                    e0 = e0 + weight * window.loadUnaligned(as: SIMD8<Float>.self)
                    e1 = e1 + weight * window.loadUnaligned(fromByteOffset: laneBytes, as: SIMD8<Float>.self)
                    e2 = e2 + weight * window.loadUnaligned(fromByteOffset: 2 &* laneBytes, as: SIMD8<Float>.self)
                    e3 = e3 + weight * window.loadUnaligned(fromByteOffset: 3 &* laneBytes, as: SIMD8<Float>.self)
                    window += MemoryLayout<Float>.stride
                }
                let input = UnsafeRawPointer(capture + frame)
                let output = UnsafeMutableRawPointer(residual + frame)
                output.storeBytes(of: input.loadUnaligned(as: SIMD8<Float>.self) - e0, as: SIMD8<Float>.self)
                output.storeBytes(
                    of: input.loadUnaligned(fromByteOffset: laneBytes, as: SIMD8<Float>.self) - e1,
                    toByteOffset: laneBytes, as: SIMD8<Float>.self)
                output.storeBytes(
                    of: input.loadUnaligned(fromByteOffset: 2 &* laneBytes, as: SIMD8<Float>.self) - e2,
                    toByteOffset: 2 &* laneBytes, as: SIMD8<Float>.self)
                output.storeBytes(
                    of: input.loadUnaligned(fromByteOffset: 3 &* laneBytes, as: SIMD8<Float>.self) - e3,
                    toByteOffset: 3 &* laneBytes, as: SIMD8<Float>.self)
                frame &+= 32
            }

            // Eight frames at a time (an 8 kHz block's last 16), then one at a time.
            while frame &+ 8 <= frameCount {
                var estimate = SIMD8<Float>()
                var window = UnsafeRawPointer(far + frame)
                for tap in 0..<tapCount {
                    estimate = estimate + SIMD8(repeating: taps[tap]) * window.loadUnaligned(as: SIMD8<Float>.self)
                    window += MemoryLayout<Float>.stride
                }
                let input = UnsafeRawPointer(capture + frame).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(residual + frame).storeBytes(of: input - estimate, as: SIMD8<Float>.self)
                frame &+= 8
            }
            if frame < frameCount {
                Reference.predict(
                    taps: taps, tapCount: tapCount, far: far + frame, capture: capture + frame,
                    residual: residual + frame, frameCount: frameCount - frame)
            }
        }

        /// The NLMS update; see `BargeInKernels.adapt(taps:tapCount:far:capture:frameCount:stepSize:)`.
        ///
        /// Each frame's update depends on the last, so the lanes run over taps. One pass per frame writes the
        /// updated taps and, from them, sums the next frame's estimate and window power (its window is this one
        /// moved by a sample), so the taps are read and written once per frame instead of twice. The taps are
        /// updated with the reference's unfused multiply and add; the estimate and power are summed across
        /// lanes, so they differ from the reference's in rounding.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(frameCount × tapCount / 8).
        static func adapt(
            taps: UnsafeMutablePointer<Float>, tapCount: Int, far: UnsafePointer<Float>,
            capture: UnsafePointer<Float>, frameCount: Int, stepSize: Float
        ) {
            guard frameCount > 0 else { return }
            let regularizer = Float(tapCount) * 1e-6
            var (estimate, power) = Self.update(taps: taps, tapCount: tapCount, window: far, gain: 0, next: far)
            for frame in 0..<frameCount {
                let gain = stepSize * (capture[frame] - estimate) / (power + regularizer)
                let window = far + frame
                // The last frame's pass sums its own window again (discarded) rather than read past the far end.
                let next = frame &+ 1 < frameCount ? window + 1 : window
                (estimate, power) = Self.update(taps: taps, tapCount: tapCount, window: window, gain: gain, next: next)
            }
        }

        /// `taps += gain · window`, then, with the updated taps, the estimate and power of the window at `next`
        /// (the next frame's, `window + 1`). A gain of 0 leaves the taps as they are and primes the first frame.
        @inline(__always)
        private static func update(
            taps: UnsafeMutablePointer<Float>, tapCount: Int, window: UnsafePointer<Float>, gain: Float,
            next nextValues: UnsafePointer<Float>
        ) -> (estimate: Float, power: Float) {
            let next = UnsafeRawPointer(nextValues)
            let current = UnsafeRawPointer(window)
            let weights = UnsafeMutableRawPointer(taps)
            let gains = SIMD8(repeating: gain)
            let laneBytes = 8 * MemoryLayout<Float>.stride
            var e0 = SIMD8<Float>()
            var e1 = SIMD8<Float>()
            var e2 = SIMD8<Float>()
            var e3 = SIMD8<Float>()
            var p0 = SIMD8<Float>()
            var p1 = SIMD8<Float>()
            var p2 = SIMD8<Float>()
            var p3 = SIMD8<Float>()

            @inline(__always)
            func step(_ byteOffset: Int, _ estimate: inout SIMD8<Float>, _ power: inout SIMD8<Float>) {
                let updated =
                    weights.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self) + gains
                    * current.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self)
                weights.storeBytes(of: updated, toByteOffset: byteOffset, as: SIMD8<Float>.self)
                let values = next.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self)
                estimate = estimate.addingProduct(updated, values)
                power = power.addingProduct(values, values)
            }

            var tap = 0
            while tap &+ 32 <= tapCount {
                let byteOffset = tap &* MemoryLayout<Float>.stride
                step(byteOffset, &e0, &p0)
                step(byteOffset &+ laneBytes, &e1, &p1)
                step(byteOffset &+ 2 &* laneBytes, &e2, &p2)
                step(byteOffset &+ 3 &* laneBytes, &e3, &p3)
                tap &+= 32
            }
            while tap &+ 8 <= tapCount {
                step(tap &* MemoryLayout<Float>.stride, &e0, &p0)
                tap &+= 8
            }
            var estimate = Self.sum((e0 + e1) + (e2 + e3))
            var power = Self.sum((p0 + p1) + (p2 + p3))
            while tap < tapCount {
                taps[tap] += gain * window[tap]
                estimate += taps[tap] * nextValues[tap]
                power += nextValues[tap] * nextValues[tap]
                tap &+= 1
            }
            return (estimate, power)
        }

        /// The sum of squares; see `BargeInKernels.sumOfSquares(_:count:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(count / 8).
        static func sumOfSquares(_ samples: UnsafePointer<Float>, count: Int) -> Float {
            let raw = UnsafeRawPointer(samples)
            let laneBytes = 8 * MemoryLayout<Float>.stride
            var s0 = SIMD8<Float>()
            var s1 = SIMD8<Float>()
            var index = 0
            while index &+ 16 <= count {
                let byteOffset = index &* MemoryLayout<Float>.stride
                let a = raw.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self)
                let b = raw.loadUnaligned(fromByteOffset: byteOffset &+ laneBytes, as: SIMD8<Float>.self)
                s0 = s0.addingProduct(a, a)
                s1 = s1.addingProduct(b, b)
                index &+= 16
            }
            if index &+ 8 <= count {
                let a = raw.loadUnaligned(fromByteOffset: index &* MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                s0 = s0.addingProduct(a, a)
                index &+= 8
            }
            var sum = Self.sum(s0 + s1)
            while index < count {
                sum += samples[index] * samples[index]
                index &+= 1
            }
            return sum
        }

        /// The covariance step; see `BargeInKernels.updateCovariance(_:envelopes:count:decay:weight:mean:)`.
        ///
        /// Lane-wise, with the reference's unfused operations in its order: the same result bit for bit.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(count / 8).
        static func updateCovariance(
            _ covariance: UnsafeMutablePointer<Float>, envelopes: UnsafePointer<Float>, count: Int, decay: Float,
            weight: Float, mean: Float
        ) {
            let sums = UnsafeMutableRawPointer(covariance)
            let values = UnsafeRawPointer(envelopes)
            let decays = SIMD8(repeating: decay)
            let weights = SIMD8(repeating: weight)
            let means = SIMD8(repeating: mean)
            var lag = 0
            while lag &+ 8 <= count {
                let byteOffset = lag &* MemoryLayout<Float>.stride
                let old = sums.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self)
                let envelope = values.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self)
                sums.storeBytes(
                    of: decays * old + weights * (envelope - means), toByteOffset: byteOffset, as: SIMD8<Float>.self)
                lag &+= 8
            }
            if lag < count {
                Reference.updateCovariance(
                    covariance + lag, envelopes: envelopes + lag, count: count - lag, decay: decay, weight: weight,
                    mean: mean)
            }
        }

        /// The sum of the lanes, by halves: three vector adds and one scalar add.
        @inline(__always)
        static func sum(_ vector: SIMD8<Float>) -> Float {
            let four = vector.lowHalf + vector.highHalf
            let two = four.lowHalf + four.highHalf
            return two[0] + two[1]
        }
    }
}
