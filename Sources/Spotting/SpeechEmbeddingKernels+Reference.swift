extension SpeechEmbeddingKernels {
    /// The scalar kernels: one bin, one band, one output value at a time, on the weight file's own layouts. They
    /// define the results.
    public enum Reference {
        /// The power spectra by direct DFT, summed in `Double`; see `SpeechEmbeddingKernels.power`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*N*²) per frame, *N* = 512.
        public static func power(
            _ samples: UnsafePointer<Float>, frameStride: Int, tables: SpectrumTables,
            into power: UnsafeMutablePointer<SIMD8<Float>>
        ) {
            let count = SpectrumTables.frameSampleCount
            for lane in 0..<laneCount {
                let frame = samples + lane * frameStride
                for bin in 0..<SpectrumTables.binCount {
                    var real: Double = 0
                    var imaginary: Double = 0
                    for index in 0..<count {
                        let value = Double(frame[index] * tables.window[index])
                        let phase = (bin * index) & (count - 1)
                        real += value * tables.cosine[phase]
                        imaginary -= value * tables.sine[phase]
                    }
                    power[bin][lane] = Float(real * real + imaginary * imaginary)
                }
            }
        }

        /// The mel filter bank as the dense matrix product; see `SpeechEmbeddingKernels.bandEnergies`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(bins × bands) per frame.
        public static func bandEnergies(
            _ power: UnsafePointer<SIMD8<Float>>, filters: MelFilters, into bands: UnsafeMutablePointer<SIMD8<Float>>
        ) {
            let bandCount = MelFilters.bandCount
            for lane in 0..<laneCount {
                for band in 0..<bandCount {
                    var sum: Float = 0
                    for bin in 0..<SpectrumTables.binCount {
                        sum = sum.addingProduct(power[bin][lane], filters.matrix[bin * bandCount + band])
                    }
                    bands[band][lane] = sum
                }
            }
        }

        /// One convolution layer, one output value at a time; see `SpeechEmbeddingKernels.convolve`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(rows × bands × taps × channels in × channels out).
        public static func convolve(_ weights: ConvolutionWeights, input: FeaturePlane, output: FeaturePlane) {
            let layer = weights.layer
            let inputCount = layer.inputChannelCount
            let timeTaps = layer.timeTapCount
            let bandTaps = layer.bandTapCount
            let padding = bandTaps / 2
            for row in 0..<output.rowCount {
                for band in 0..<output.bandCount {
                    let destination = output.pointer(row: row, band: band)
                    for outputChannel in 0..<layer.outputChannelCount {
                        var sum = weights.bias[outputChannel]
                        for inputChannel in 0..<inputCount {
                            for timeTap in 0..<timeTaps {
                                for bandTap in 0..<bandTaps {
                                    let sourceBand = band + bandTap - padding
                                    guard sourceBand >= 0 && sourceBand < input.bandCount else { continue }
                                    let value = input.pointer(row: row + timeTap, band: sourceBand)[inputChannel]
                                    let index = ((outputChannel * inputCount + inputChannel) * timeTaps + timeTap)
                                    sum = sum.addingProduct(value, weights.original[index * bandTaps + bandTap])
                                }
                            }
                        }
                        destination[outputChannel] = layer.isActivated ? activate(sum, floor: weights.floor) : sum
                    }
                }
            }
        }

        /// LeakyReLU with slope 0.2 below zero, then the floor.
        @inline(__always)
        static func activate(_ value: Float, floor: Float) -> Float {
            let leaky = value >= 0 ? value : value * SpeechEmbeddingArchitecture.leakySlope
            return leaky > floor ? leaky : floor
        }

        /// Max pooling one value at a time; see `SpeechEmbeddingKernels.pool`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(input values).
        public static func pool(
            _ pooling: SpeechEmbeddingArchitecture.Pooling, input: FeaturePlane, output: FeaturePlane
        ) {
            let factor = pooling.timeFactor
            for row in 0..<output.rowCount {
                for band in 0..<output.bandCount {
                    let destination = output.pointer(row: row, band: band)
                    for channel in 0..<output.channelCount {
                        var largest = -Float.infinity
                        for timeOffset in 0..<factor {
                            for bandOffset in 0..<2 {
                                let source = input.pointer(row: row * factor + timeOffset, band: band * 2 + bandOffset)
                                largest = max(largest, source[channel])
                            }
                        }
                        destination[channel] = largest
                    }
                }
            }
        }
    }
}
