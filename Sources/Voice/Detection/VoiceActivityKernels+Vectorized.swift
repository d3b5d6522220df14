extension VoiceActivityKernels {
    /// The SIMD kernels: the eight bands in the lanes of one vector, or eight lags per vector.
    public enum Vectorized {
        /// The filter bank; see `VoiceActivityKernels.filter(_:bank:state:pitch:)`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*n*), where *n* is `samples.count`.
        public static func filter(
            _ samples: UnsafeBufferPointer<Float>, bank: FilterBankCoefficients, state: inout FilterBankState,
            pitch: UnsafeMutableBufferPointer<Float>
        ) -> SIMD8<Float> {
            checkPitchCapacity(pitch.count, sampleCount: samples.count, decimation: bank.decimation)
            let gain = bank.gain
            let negativeGain = -bank.gain
            let negativeA1 = -bank.a1
            let negativeA2 = -bank.a2
            var z1 = state.z1
            var z2 = state.z2
            var energies = SIMD8<Float>()
            for sample in samples {
                let x = SIMD8<Float>(repeating: sample)
                let y = z1.addingProduct(gain, x)
                z1 = z2.addingProduct(negativeA1, y)
                z2 = (negativeGain * x).addingProduct(negativeA2, y)
                energies = energies.addingProduct(y, y)
            }
            state.z1 = z1
            state.z2 = z2

            Reference.filterPitch(samples, bank: bank, state: &state, pitch: pitch)
            return energies
        }

        /// The periodicity; see `VoiceActivityKernels.periodicity(_:)`.
        ///
        /// Lane *j* of the vector loaded at `index − lag − 7` holds the sample `lag + 7 − j` before `index`, so one
        /// contiguous load serves eight lags; the per-lag sums run in the same order as the reference's.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(`windowCount` × `lagCount` / 8).
        public static func periodicity(_ signal: UnsafeBufferPointer<Float>) -> Float {
            checkHistory(signal.count)
            guard let base = signal.baseAddress else { return 0 }
            let start = signal.count - windowCount
            var windowEnergy: Float = 0
            for index in start..<signal.count {
                windowEnergy = windowEnergy.addingProduct(signal[index], signal[index])
            }
            guard windowEnergy >= minimumWindowEnergy else { return 0 }

            var best = SIMD8<Float>()
            let raw = UnsafeRawPointer(base)
            let stride = MemoryLayout<Float>.stride
            for group in 0..<lagCount / 8 {
                let lag = minimumLag + 8 * group
                var correlation = SIMD8<Float>()
                var laggedEnergy = SIMD8<Float>()
                for index in start..<signal.count {
                    let lagged = raw.loadUnaligned(
                        fromByteOffset: (index - lag - 7) * stride, as: SIMD8<Float>.self)
                    correlation = correlation.addingProduct(SIMD8(repeating: signal[index]), lagged)
                    laggedEnergy = laggedEnergy.addingProduct(lagged, lagged)
                }
                let normalised = correlation / ((windowEnergy * laggedEnergy).squareRoot() + 1e-9)
                best.replace(with: normalised, where: normalised .> best)
            }
            return best.max()
        }
    }
}
