extension VoiceActivityKernels {
    /// The SIMD kernels: the eight bands in the lanes of one vector, or eight lags per vector.
    ///
    /// The hot loops use only lane-wise arithmetic, fused multiply-adds, unaligned loads and bit casts, which the
    /// compiler keeps inline; the generic SIMD conversions, `replacing(with:where:)`, `pointwiseMin` and the
    /// reductions stay out-of-line calls in release builds, so the few lane selections needed here are written out.
    public enum Vectorized {
        /// The filter bank; see `VoiceActivityKernels.filter(_:bank:state:pitch:)`.
        ///
        /// The eight bands run in the lanes of one vector and the pitch section beside them in the same loop, so
        /// the two one-FMA dependency chains overlap.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `samples.count`.
        public static func filter(
            _ samples: UnsafeBufferPointer<Float>, bank: FilterBankCoefficients, state: inout FilterBankState,
            pitch: UnsafeMutableBufferPointer<Float>
        ) -> SIMD8<Float> {
            checkPitchCapacity(
                pitch.count, sampleCount: samples.count, decimation: bank.decimation, phase: state.decimationPhase)
            let gain = bank.gain
            let negativeA1 = -bank.a1
            let negativeA2 = -bank.a2
            let pitchGain = bank.pitchGain
            let pitchNegativeA1 = -bank.pitchA1
            let pitchNegativeA2 = -bank.pitchA2
            let decimation = bank.decimation
            var x1 = state.x1
            var x2 = state.x2
            var y1 = state.y1
            var y2 = state.y2
            var pitchY1 = state.pitchY1
            var pitchY2 = state.pitchY2
            var phase = state.decimationPhase
            var written = 0
            var energies = SIMD8<Float>()
            var remaining = samples[...]

            // Whole pairs of samples from an even phase (every whole block): the pair's roles alternate instead of
            // the registers shifting, and the first sample of every `decimation / 2`-th pair is a pitch sample.
            if phase & 1 == 0, decimation & 1 == 0, let input = samples.baseAddress, let output = pitch.baseAddress {
                let pairCount = samples.count / 2
                let pairsPerPitchSample = decimation / 2
                var pairPhase = phase / 2
                for pair in 0..<pairCount {
                    let first = input[2 &* pair]
                    let second = input[2 &* pair &+ 1]
                    let firstDifference = first - x2
                    let secondDifference = second - x1
                    x2 = first
                    x1 = second
                    y2 = (gain * SIMD8(repeating: firstDifference)).addingProduct(negativeA2, y2).addingProduct(
                        negativeA1, y1)
                    energies = energies.addingProduct(y2, y2)
                    y1 = (gain * SIMD8(repeating: secondDifference)).addingProduct(negativeA2, y1).addingProduct(
                        negativeA1, y2)
                    energies = energies.addingProduct(y1, y1)

                    pitchY2 = (pitchGain * firstDifference).addingProduct(pitchNegativeA2, pitchY2).addingProduct(
                        pitchNegativeA1, pitchY1)
                    if pairPhase == 0 {
                        output[written] = pitchY2
                        written &+= 1
                    }
                    pitchY1 = (pitchGain * secondDifference).addingProduct(pitchNegativeA2, pitchY1).addingProduct(
                        pitchNegativeA1, pitchY2)
                    pairPhase &+= 1
                    if pairPhase == pairsPerPitchSample { pairPhase = 0 }
                }
                phase = 2 * pairPhase
                remaining = samples[(2 * pairCount)...]
            }

            for x in remaining {
                let difference = x - x2
                x2 = x1
                x1 = x
                let feedForward = gain * SIMD8(repeating: difference)
                let y = feedForward.addingProduct(negativeA2, y2).addingProduct(negativeA1, y1)
                y2 = y1
                y1 = y
                energies = energies.addingProduct(y, y)

                let pitchY = (pitchGain * difference).addingProduct(pitchNegativeA2, pitchY2).addingProduct(
                    pitchNegativeA1, pitchY1)
                pitchY2 = pitchY1
                pitchY1 = pitchY
                if phase == 0 {
                    pitch[written] = pitchY
                    written += 1
                }
                phase += 1
                if phase == decimation { phase = 0 }
            }
            state.x1 = x1
            state.x2 = x2
            state.y1 = y1
            state.y2 = y2
            state.pitchY1 = pitchY1
            state.pitchY2 = pitchY2
            state.decimationPhase = phase
            return energies
        }

        /// The periodicity; see `VoiceActivityKernels.periodicity(_:sums:)`.
        ///
        /// Lane *j* of the vector loaded at `index − lag − 7` holds the sample `lag + 7 − j` before `index`, so one
        /// contiguous load serves eight lags. The seven groups of lags advance together, one sample at a time, so
        /// fourteen independent accumulators hide the latency of the fused multiply-adds; each lag's sum still runs
        /// over the samples in the reference's order.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(`halfWindowCount` × `lagCount` / 8).
        public static func periodicity(_ signal: UnsafeBufferPointer<Float>, sums: inout PeriodicitySums) -> Float {
            checkHistory(signal.count)
            guard let base = signal.baseAddress else { return 0 }
            let start = signal.count - halfWindowCount
            var halfEnergy: Float = 0
            for index in start..<signal.count {
                halfEnergy = halfEnergy.addingProduct(signal[index], signal[index])
            }

            // Seven groups of eight lags, each with its own two accumulators: fourteen independent chains.
            var c0 = SIMD8<Float>()
            var c1 = SIMD8<Float>()
            var c2 = SIMD8<Float>()
            var c3 = SIMD8<Float>()
            var c4 = SIMD8<Float>()
            var c5 = SIMD8<Float>()
            var c6 = SIMD8<Float>()
            var e0 = SIMD8<Float>()
            var e1 = SIMD8<Float>()
            var e2 = SIMD8<Float>()
            var e3 = SIMD8<Float>()
            var e4 = SIMD8<Float>()
            var e5 = SIMD8<Float>()
            var e6 = SIMD8<Float>()
            // `lagged` points at the sample `minimumLag + 7` before the current one: group g loads 8g further back.
            var lagged = UnsafeRawPointer(base + (start - minimumLag - 7))
            for index in start..<signal.count {
                let x = SIMD8<Float>(repeating: base[index])
                Self.accumulate(x, lagged, &c0, &e0)
                Self.accumulate(x, lagged - 32, &c1, &e1)
                Self.accumulate(x, lagged - 64, &c2, &e2)
                Self.accumulate(x, lagged - 96, &c3, &e3)
                Self.accumulate(x, lagged - 128, &c4, &e4)
                Self.accumulate(x, lagged - 160, &c5, &e5)
                Self.accumulate(x, lagged - 192, &c6, &e6)
                lagged += MemoryLayout<Float>.stride
            }
            let correlation: InlineArray<7, SIMD8<Float>> = [c0, c1, c2, c3, c4, c5, c6]
            let laggedEnergy: InlineArray<7, SIMD8<Float>> = [e0, e1, e2, e3, e4, e5, e6]

            // The largest c·|c| / (W·E) over the lags, then one square root: the same peak as c / √(W·E) without
            // a vector square root per group.
            let windowEnergy = halfEnergy + sums.windowEnergy
            sums.windowEnergy = halfEnergy
            let windowEnergies = SIMD8(repeating: windowEnergy)
            var best = SIMD8<Float>()
            for group in 0..<PeriodicitySums.groupCount {
                let totalCorrelation = correlation[group] + sums.correlation[group]
                let totalEnergy = laggedEnergy[group] + sums.laggedEnergy[group]
                sums.correlation[group] = correlation[group]
                sums.laggedEnergy[group] = laggedEnergy[group]
                let magnitude = unsafeBitCast(
                    unsafeBitCast(totalCorrelation, to: SIMD8<UInt32>.self) & SIMD8(repeating: 0x7FFF_FFFF),
                    to: SIMD8<Float>.self)
                let squared = totalCorrelation * magnitude / (windowEnergies * totalEnergy + SIMD8(repeating: 1e-18))
                best = Self.maximum(best, squared)
            }
            guard windowEnergy >= minimumWindowEnergy else { return 0 }
            return Self.largestLane(best).squareRoot()
        }

        /// Each band's power in dB; see `VoiceActivityKernels.decibels(_:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(1).
        @inline(__always)
        public static func decibels(_ powers: SIMD8<Float>) -> SIMD8<Float> {
            let bits = unsafeBitCast(powers + decibelOffset, to: SIMD8<UInt32>.self)
            // The exponent as a float without a conversion instruction: 2²³ + e has e in its low mantissa bits.
            let exponentBits = (bits &>> 23) | SIMD8(repeating: 0x4B00_0000)
            let exponent = unsafeBitCast(exponentBits, to: SIMD8<Float>.self) - SIMD8(repeating: 8_388_608 + 127)
            let mantissaBits = (bits & SIMD8(repeating: 0x007F_FFFF)) | SIMD8(repeating: 0x3F80_0000)
            let fraction = unsafeBitCast(mantissaBits, to: SIMD8<Float>.self) - SIMD8(repeating: 1)
            var polynomial = SIMD8(repeating: log2Coefficients.4)
            polynomial = SIMD8(repeating: log2Coefficients.3).addingProduct(polynomial, fraction)
            polynomial = SIMD8(repeating: log2Coefficients.2).addingProduct(polynomial, fraction)
            polynomial = SIMD8(repeating: log2Coefficients.1).addingProduct(polynomial, fraction)
            polynomial = SIMD8(repeating: log2Coefficients.0).addingProduct(polynomial, fraction)
            let log2 = exponent.addingProduct(polynomial, fraction)
            return log2 * SIMD8(repeating: decibelsPerOctave)
        }

        /// One sample's contribution to one group of eight lags.
        @inline(__always)
        static func accumulate(
            _ x: SIMD8<Float>, _ lagged: UnsafeRawPointer, _ correlation: inout SIMD8<Float>,
            _ energy: inout SIMD8<Float>
        ) {
            let values = lagged.loadUnaligned(as: SIMD8<Float>.self)
            correlation = correlation.addingProduct(x, values)
            energy = energy.addingProduct(values, values)
        }

        /// The lane-wise larger of two vectors, written out so that it compiles to one `vmaxps`.
        @inline(__always)
        static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            var result = a
            for lane in 0..<8 { result[lane] = b[lane] > a[lane] ? b[lane] : a[lane] }
            return result
        }

        /// The largest lane, at least 0.
        @inline(__always)
        static func largestLane(_ vector: SIMD8<Float>) -> Float {
            var best: Float = 0
            for lane in 0..<8 { best = vector[lane] > best ? vector[lane] : best }
            return best
        }
    }
}
