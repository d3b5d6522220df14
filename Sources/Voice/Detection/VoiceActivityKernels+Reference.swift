extension VoiceActivityKernels {
    /// The scalar kernels: one band, one lag, one sample at a time. They define the result.
    public enum Reference {
        /// The filter bank; see `VoiceActivityKernels.filter(_:bank:state:pitch:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*) per band, where *n* is `samples.count`.
        public static func filter(
            _ samples: UnsafeBufferPointer<Float>, bank: FilterBankCoefficients, state: inout FilterBankState,
            pitch: UnsafeMutableBufferPointer<Float>
        ) -> SIMD8<Float> {
            checkPitchCapacity(
                pitch.count, sampleCount: samples.count, decimation: bank.decimation, phase: state.decimationPhase)
            var energies = SIMD8<Float>()
            for band in 0..<8 {
                let section = Self.section(
                    samples, gain: bank.gain[band], a1: bank.a1[band], a2: bank.a2[band], x1: state.x1, x2: state.x2,
                    y1: &state.y1[band], y2: &state.y2[band]
                ) { _, y, energy in energy = energy.addingProduct(y, y) }
                energies[band] = section
            }

            var phase = state.decimationPhase
            var written = 0
            _ = Self.section(
                samples, gain: bank.pitchGain, a1: bank.pitchA1, a2: bank.pitchA2, x1: state.x1, x2: state.x2,
                y1: &state.pitchY1, y2: &state.pitchY2
            ) { _, y, _ in
                if phase == 0 {
                    pitch[written] = y
                    written += 1
                }
                phase += 1
                if phase == bank.decimation { phase = 0 }
            }
            state.decimationPhase = phase
            if let last = samples.last {
                state.x2 = samples.count >= 2 ? samples[samples.count - 2] : state.x1
                state.x1 = last
            }
            return energies
        }

        /// One direct-form-I band-pass section over `samples`, calling `output` with each output and an
        /// accumulator that it returns.
        @inline(__always)
        static func section(
            _ samples: UnsafeBufferPointer<Float>, gain: Float, a1: Float, a2: Float, x1: Float, x2: Float,
            y1: inout Float, y2: inout Float, output: (Float, Float, inout Float) -> Void
        ) -> Float {
            var x1 = x1
            var x2 = x2
            var accumulator: Float = 0
            for x in samples {
                let y = (gain * (x - x2)).addingProduct(-a2, y2).addingProduct(-a1, y1)
                x2 = x1
                x1 = x
                y2 = y1
                y1 = y
                output(x, y, &accumulator)
            }
            return accumulator
        }

        /// The periodicity; see `VoiceActivityKernels.periodicity(_:sums:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(`halfWindowCount` × `lagCount`).
        public static func periodicity(_ signal: UnsafeBufferPointer<Float>, sums: inout PeriodicitySums) -> Float {
            checkHistory(signal.count)
            let start = signal.count - halfWindowCount
            var halfEnergy: Float = 0
            for index in start..<signal.count {
                halfEnergy = halfEnergy.addingProduct(signal[index], signal[index])
            }
            let windowEnergy = halfEnergy + sums.windowEnergy
            sums.windowEnergy = halfEnergy

            var best: Float = 0
            for lag in minimumLag..<minimumLag + lagCount {
                var correlation: Float = 0
                var laggedEnergy: Float = 0
                for index in start..<signal.count {
                    let lagged = signal[index - lag]
                    correlation = correlation.addingProduct(signal[index], lagged)
                    laggedEnergy = laggedEnergy.addingProduct(lagged, lagged)
                }
                let (group, lane) = PeriodicitySums.position(ofLag: lag)
                let totalCorrelation = correlation + sums.correlation[group][lane]
                let totalEnergy = laggedEnergy + sums.laggedEnergy[group][lane]
                sums.correlation[group][lane] = correlation
                sums.laggedEnergy[group][lane] = laggedEnergy
                // The normalised correlation c / √(W·E), squared with its sign kept.
                let squared = totalCorrelation * abs(totalCorrelation) / (windowEnergy * totalEnergy + 1e-18)
                best = max(best, squared)
            }
            guard windowEnergy >= minimumWindowEnergy else { return 0 }
            return best.squareRoot()
        }

        /// A power in dB; see `VoiceActivityKernels.decibels(_:)`. The same polynomial as the SIMD kernel, one
        /// value at a time.
        ///
        /// Real-time safe: no locks, no allocation.
        public static func decibels(_ power: Float) -> Float {
            let bits = (power + decibelOffset).bitPattern
            let exponent = Float(bitPattern: (bits >> 23) | 0x4B00_0000) - (8_388_608 + 127)
            let fraction = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000) - 1
            var polynomial = log2Coefficients.4
            polynomial = log2Coefficients.3.addingProduct(polynomial, fraction)
            polynomial = log2Coefficients.2.addingProduct(polynomial, fraction)
            polynomial = log2Coefficients.1.addingProduct(polynomial, fraction)
            polynomial = log2Coefficients.0.addingProduct(polynomial, fraction)
            return exponent.addingProduct(polynomial, fraction) * decibelsPerOctave
        }
    }
}
