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
            checkPitchCapacity(pitch.count, sampleCount: samples.count, decimation: bank.decimation)
            var energies = SIMD8<Float>()
            for band in 0..<8 {
                let gain = bank.gain[band]
                let a1 = bank.a1[band]
                let a2 = bank.a2[band]
                var z1 = state.z1[band]
                var z2 = state.z2[band]
                var energy: Float = 0
                for x in samples {
                    let y = z1.addingProduct(gain, x)
                    z1 = z2.addingProduct(-a1, y)
                    z2 = (-gain * x).addingProduct(-a2, y)
                    energy = energy.addingProduct(y, y)
                }
                state.z1[band] = z1
                state.z2[band] = z2
                energies[band] = energy
            }

            filterPitch(samples, bank: bank, state: &state, pitch: pitch)
            return energies
        }

        /// The pitch-band section and decimation, shared by both kernels (it is one scalar recursion either way).
        @inline(__always)
        static func filterPitch(
            _ samples: UnsafeBufferPointer<Float>, bank: FilterBankCoefficients, state: inout FilterBankState,
            pitch: UnsafeMutableBufferPointer<Float>
        ) {
            var z1 = state.pitchZ1
            var z2 = state.pitchZ2
            var phase = state.decimationPhase
            var written = 0
            for x in samples {
                let y = z1.addingProduct(bank.pitchGain, x)
                z1 = z2.addingProduct(-bank.pitchA1, y)
                z2 = (-bank.pitchGain * x).addingProduct(-bank.pitchA2, y)
                if phase == 0 {
                    pitch[written] = y
                    written += 1
                }
                phase += 1
                if phase == bank.decimation { phase = 0 }
            }
            state.pitchZ1 = z1
            state.pitchZ2 = z2
            state.decimationPhase = phase
        }

        /// The periodicity; see `VoiceActivityKernels.periodicity(_:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(`windowCount` × `lagCount`).
        public static func periodicity(_ signal: UnsafeBufferPointer<Float>) -> Float {
            checkHistory(signal.count)
            let start = signal.count - windowCount
            var windowEnergy: Float = 0
            for index in start..<signal.count {
                windowEnergy = windowEnergy.addingProduct(signal[index], signal[index])
            }
            guard windowEnergy >= minimumWindowEnergy else { return 0 }

            var best: Float = 0
            for lag in minimumLag..<minimumLag + lagCount {
                var correlation: Float = 0
                var laggedEnergy: Float = 0
                for index in start..<signal.count {
                    let lagged = signal[index - lag]
                    correlation = correlation.addingProduct(signal[index], lagged)
                    laggedEnergy = laggedEnergy.addingProduct(lagged, lagged)
                }
                let normalised = correlation / ((windowEnergy * laggedEnergy).squareRoot() + 1e-9)
                best = max(best, normalised)
            }
            return best
        }
    }
}
