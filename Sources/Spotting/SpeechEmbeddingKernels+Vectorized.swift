extension SpeechEmbeddingKernels {
    /// The SIMD kernels: eight frames in the lanes of one vector for the spectrum and the filter bank, and eight
    /// output channels per vector for the convolutions and pooling.
    ///
    /// The hot loops use only lane-wise arithmetic, fused multiply-adds, broadcasts and unaligned loads and
    /// stores, which the compiler keeps inline; lane-wise maxima are written out so that each compiles to one
    /// `vmaxps` rather than a call.
    public enum Vectorized {
        /// The power spectra by a 512-point real FFT per frame, the eight frames in the lanes; see
        /// `SpeechEmbeddingKernels.power`.
        ///
        /// The real frame's even and odd samples are the real and imaginary parts of a 256-point complex
        /// sequence, transformed in place by a radix-2 decimation-in-time FFT (bit-reversed load, eight stages),
        /// then split into the real frame's spectrum with the e^(−2πik/512) twiddles.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(*N* log *N*) per frame, *N* = 512.
        public static func power(
            _ samples: UnsafePointer<Float>, frameStride: Int, tables: SpectrumTables,
            scratch: UnsafeMutablePointer<SIMD8<Float>>, into power: UnsafeMutablePointer<SIMD8<Float>>
        ) {
            let half = SpectrumTables.complexCount
            let real = scratch
            let imaginary = scratch + half
            let window = tables.window

            // Load: point n is samples 2n and 2n + 1 of each frame, windowed, stored at its bit-reversed index.
            for pair in 0..<half {
                let even = 2 &* pair
                let destination = tables.bitReversed[pair]
                real[destination] = Self.gather(samples + even, stride: frameStride) * SIMD8(repeating: window[even])
                imaginary[destination] =
                    Self.gather(samples + (even &+ 1), stride: frameStride) * SIMD8(repeating: window[even &+ 1])
            }

            // The first stage's twiddle is 1.
            var index = 0
            while index < half {
                let (r0, i0, r1, i1) = (real[index], imaginary[index], real[index &+ 1], imaginary[index &+ 1])
                real[index] = r0 + r1
                imaginary[index] = i0 + i1
                real[index &+ 1] = r0 - r1
                imaginary[index &+ 1] = i0 - i1
                index &+= 2
            }
            var span = 2
            while span < half {
                let twiddleStep = half / (2 * span)
                var start = 0
                while start < half {
                    for offset in 0..<span {
                        let top = start &+ offset
                        let bottom = top &+ span
                        let twiddleReal = SIMD8(repeating: tables.twiddleReal[offset &* twiddleStep])
                        let twiddleImaginary = SIMD8(repeating: tables.twiddleImaginary[offset &* twiddleStep])
                        let bottomReal = real[bottom]
                        let bottomImaginary = imaginary[bottom]
                        let productReal = (bottomReal * twiddleReal).addingProduct(-bottomImaginary, twiddleImaginary)
                        let productImaginary = (bottomReal * twiddleImaginary).addingProduct(
                            bottomImaginary, twiddleReal)
                        let topReal = real[top]
                        let topImaginary = imaginary[top]
                        real[bottom] = topReal - productReal
                        imaginary[bottom] = topImaginary - productImaginary
                        real[top] = topReal + productReal
                        imaginary[top] = topImaginary + productImaginary
                    }
                    start &+= 2 &* span
                }
                span &*= 2
            }

            // Split: with Z the complex result, E[k] = (Z[k] + conj Z[256−k]) / 2 and O[k] = (Z[k] − conj Z[256−k])
            // / 2i are the spectra of the even and odd samples, and X[k] = E[k] + e^(−2πik/512)·O[k].
            let halfVector = SIMD8<Float>(repeating: 0.5)
            power[0] = Self.square(real[0] + imaginary[0])
            power[half] = Self.square(real[0] - imaginary[0])
            for bin in 1..<half {
                let mirror = half &- bin
                let evenReal = (real[bin] + real[mirror]) * halfVector
                let evenImaginary = (imaginary[bin] - imaginary[mirror]) * halfVector
                let oddReal = (imaginary[bin] + imaginary[mirror]) * halfVector
                let oddImaginary = (real[mirror] - real[bin]) * halfVector
                let cosine = SIMD8(repeating: tables.splitReal[bin])
                let sine = SIMD8(repeating: tables.splitImaginary[bin])
                let spectrumReal = evenReal.addingProduct(cosine, oddReal).addingProduct(-sine, oddImaginary)
                let spectrumImaginary = evenImaginary.addingProduct(cosine, oddImaginary).addingProduct(sine, oddReal)
                power[bin] = (spectrumReal * spectrumReal).addingProduct(spectrumImaginary, spectrumImaginary)
            }
        }

        /// The eight values `stride` apart from `pointer`, one per lane.
        @inline(__always)
        static func gather(_ pointer: UnsafePointer<Float>, stride: Int) -> SIMD8<Float> {
            SIMD8(
                pointer[0], pointer[stride], pointer[2 &* stride], pointer[3 &* stride], pointer[4 &* stride],
                pointer[5 &* stride], pointer[6 &* stride], pointer[7 &* stride])
        }

        @inline(__always)
        static func square(_ value: SIMD8<Float>) -> SIMD8<Float> { value * value }

        /// The mel filter bank over each band's non-zero bins only; see `SpeechEmbeddingKernels.bandEnergies`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(non-zero filter weights).
        public static func bandEnergies(
            _ power: UnsafePointer<SIMD8<Float>>, filters: MelFilters, into bands: UnsafeMutablePointer<SIMD8<Float>>
        ) {
            for band in 0..<MelFilters.bandCount {
                let first = filters.firstBin[band]
                let weights = filters.weights + filters.weightStart[band]
                var sum = SIMD8<Float>()
                for offset in 0..<filters.binSpan[band] {
                    sum = sum.addingProduct(power[first &+ offset], SIMD8(repeating: weights[offset]))
                }
                bands[band] = sum
            }
        }

        /// One convolution layer, four output positions × 24 output channels per pass; see
        /// `SpeechEmbeddingKernels.convolve`.
        ///
        /// For each block of 24 output channels (its weights, `[tap][in][24]`, stay in the L1 cache), output
        /// positions are taken four at a time in row-major order; each input value is broadcast and multiplied into
        /// three weight vectors, so one pass keeps twelve accumulators, three weight vectors and one broadcast in
        /// the sixteen AVX registers. Each position has its own input pointer, so four positions may span rows.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(rows × bands × taps × channels in × channels out / 8).
        public static func convolve(_ weights: ConvolutionWeights, input: FeaturePlane, output: FeaturePlane) {
            let layer = weights.layer
            let bandCount = output.bandCount
            let positionCount = output.rowCount * bandCount
            let padding = layer.bandTapCount / 2
            let blockWeightCount = layer.tapCount * layer.inputChannelCount * channelBlockCount
            let shape = Shape(
                inputCount: layer.inputChannelCount, timeTaps: layer.timeTapCount, bandTaps: layer.bandTapCount,
                rowStride: input.rowStride, isActivated: layer.isActivated, floor: weights.floor)

            @inline(__always)
            func source(_ position: Int) -> UnsafePointer<Float> {
                let row = position / bandCount
                return UnsafePointer(input.pointer(row: row, band: position &- row &* bandCount &- padding))
            }
            @inline(__always)
            func destination(_ position: Int, _ block: Int) -> UnsafeMutablePointer<Float> {
                let row = position / bandCount
                return output.pointer(row: row, band: position &- row &* bandCount) + block &* channelBlockCount
            }

            for block in 0..<layer.outputChannelCount / channelBlockCount {
                let blockWeights = weights.packed + block &* blockWeightCount
                let bias = weights.bias + block &* channelBlockCount
                var position = 0
                while position &+ 4 <= positionCount {
                    Self.convolveFour(
                        source(position), source(position &+ 1), source(position &+ 2), source(position &+ 3),
                        weights: blockWeights, bias: bias, shape: shape,
                        outputs: (
                            destination(position, block), destination(position &+ 1, block),
                            destination(position &+ 2, block), destination(position &+ 3, block)
                        ))
                    position &+= 4
                }
                while position < positionCount {
                    Self.convolveOne(
                        source(position), weights: blockWeights, bias: bias, shape: shape,
                        output: destination(position, block))
                    position &+= 1
                }
            }
        }

        /// What the inner loops need to know about a layer.
        struct Shape {
            var inputCount: Int
            var timeTaps: Int
            var bandTaps: Int
            var rowStride: Int
            var isActivated: Bool
            var floor: Float
        }

        /// 24 output channels at four positions: twelve accumulators.
        @inline(__always)
        static func convolveFour(
            _ input0: UnsafePointer<Float>, _ input1: UnsafePointer<Float>, _ input2: UnsafePointer<Float>,
            _ input3: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, shape: Shape,
            outputs: (
                UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                UnsafeMutablePointer<Float>
            )
        ) {
            let biasPointer = UnsafeRawPointer(bias)
            let bias0 = biasPointer.loadUnaligned(as: SIMD8<Float>.self)
            let bias1 = biasPointer.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            let bias2 = biasPointer.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            var sum00 = bias0
            var sum01 = bias1
            var sum02 = bias2
            var sum10 = bias0
            var sum11 = bias1
            var sum12 = bias2
            var sum20 = bias0
            var sum21 = bias1
            var sum22 = bias2
            var sum30 = bias0
            var sum31 = bias1
            var sum32 = bias2

            var weight = UnsafeRawPointer(weights)
            let inputCount = shape.inputCount
            for timeTap in 0..<shape.timeTaps {
                for bandTap in 0..<shape.bandTaps {
                    let offset = timeTap &* shape.rowStride &+ bandTap &* inputCount
                    let source0 = input0 + offset
                    let source1 = input1 + offset
                    let source2 = input2 + offset
                    let source3 = input3 + offset
                    for channel in 0..<inputCount {
                        let weight0 = weight.loadUnaligned(as: SIMD8<Float>.self)
                        let weight1 = weight.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        let weight2 = weight.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                        let value0 = SIMD8(repeating: source0[channel])
                        sum00 = sum00.addingProduct(value0, weight0)
                        sum01 = sum01.addingProduct(value0, weight1)
                        sum02 = sum02.addingProduct(value0, weight2)
                        let value1 = SIMD8(repeating: source1[channel])
                        sum10 = sum10.addingProduct(value1, weight0)
                        sum11 = sum11.addingProduct(value1, weight1)
                        sum12 = sum12.addingProduct(value1, weight2)
                        let value2 = SIMD8(repeating: source2[channel])
                        sum20 = sum20.addingProduct(value2, weight0)
                        sum21 = sum21.addingProduct(value2, weight1)
                        sum22 = sum22.addingProduct(value2, weight2)
                        let value3 = SIMD8(repeating: source3[channel])
                        sum30 = sum30.addingProduct(value3, weight0)
                        sum31 = sum31.addingProduct(value3, weight1)
                        sum32 = sum32.addingProduct(value3, weight2)
                        weight += 3 &* MemoryLayout<SIMD8<Float>>.stride
                    }
                }
            }

            Self.store(sum00, sum01, sum02, to: outputs.0, shape: shape)
            Self.store(sum10, sum11, sum12, to: outputs.1, shape: shape)
            Self.store(sum20, sum21, sum22, to: outputs.2, shape: shape)
            Self.store(sum30, sum31, sum32, to: outputs.3, shape: shape)
        }

        /// 24 output channels at one position: the remainder when positions do not come in fours.
        @inline(__always)
        static func convolveOne(
            _ input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, shape: Shape,
            output: UnsafeMutablePointer<Float>
        ) {
            let biasPointer = UnsafeRawPointer(bias)
            var sum0 = biasPointer.loadUnaligned(as: SIMD8<Float>.self)
            var sum1 = biasPointer.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var sum2 = biasPointer.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            var weight = UnsafeRawPointer(weights)
            for timeTap in 0..<shape.timeTaps {
                for bandTap in 0..<shape.bandTaps {
                    let source = input + (timeTap &* shape.rowStride &+ bandTap &* shape.inputCount)
                    for channel in 0..<shape.inputCount {
                        let value = SIMD8(repeating: source[channel])
                        sum0 = sum0.addingProduct(value, weight.loadUnaligned(as: SIMD8<Float>.self))
                        sum1 = sum1.addingProduct(
                            value, weight.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
                        sum2 = sum2.addingProduct(
                            value, weight.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self))
                        weight += 3 &* MemoryLayout<SIMD8<Float>>.stride
                    }
                }
            }
            Self.store(sum0, sum1, sum2, to: output, shape: shape)
        }

        /// Applies the activation when the layer has one and stores 24 channels.
        @inline(__always)
        static func store(
            _ sum0: SIMD8<Float>, _ sum1: SIMD8<Float>, _ sum2: SIMD8<Float>, to output: UnsafeMutablePointer<Float>,
            shape: Shape
        ) {
            let destination = UnsafeMutableRawPointer(output)
            if shape.isActivated {
                let floor = SIMD8(repeating: shape.floor)
                destination.storeBytes(of: Self.activate(sum0, floor: floor), as: SIMD8<Float>.self)
                destination.storeBytes(of: Self.activate(sum1, floor: floor), toByteOffset: 32, as: SIMD8<Float>.self)
                destination.storeBytes(of: Self.activate(sum2, floor: floor), toByteOffset: 64, as: SIMD8<Float>.self)
            } else {
                destination.storeBytes(of: sum0, as: SIMD8<Float>.self)
                destination.storeBytes(of: sum1, toByteOffset: 32, as: SIMD8<Float>.self)
                destination.storeBytes(of: sum2, toByteOffset: 64, as: SIMD8<Float>.self)
            }
        }

        /// LeakyReLU (slope 0.2 below zero, which is max(x, 0.2x)), then the floor.
        @inline(__always)
        static func activate(_ value: SIMD8<Float>, floor: SIMD8<Float>) -> SIMD8<Float> {
            Self.maximum(Self.maximum(value, value * SIMD8(repeating: SpeechEmbeddingArchitecture.leakySlope)), floor)
        }

        /// The lane-wise larger of two vectors, written out so that it compiles to one `vmaxps`.
        @inline(__always)
        static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            var result = a
            for lane in 0..<8 { result[lane] = b[lane] > a[lane] ? b[lane] : a[lane] }
            return result
        }

        /// Max pooling eight channels per vector; see `SpeechEmbeddingKernels.pool`.
        ///
        /// Real-time safe: no locks, no allocation.
        ///
        /// - Complexity: O(input values / 8).
        public static func pool(
            _ pooling: SpeechEmbeddingArchitecture.Pooling, input: FeaturePlane, output: FeaturePlane
        ) {
            let channelCount = output.channelCount
            let factor = pooling.timeFactor
            for row in 0..<output.rowCount {
                for band in 0..<output.bandCount {
                    let top = UnsafeRawPointer(input.pointer(row: row &* factor, band: band &* 2))
                    let bottom = UnsafeRawPointer(input.pointer(row: row &* factor &+ factor &- 1, band: band &* 2))
                    let destination = UnsafeMutableRawPointer(output.pointer(row: row, band: band))
                    let nextBand = channelCount &* MemoryLayout<Float>.stride
                    var byteOffset = 0
                    while byteOffset < nextBand {
                        let upper = Self.maximum(
                            top.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self),
                            top.loadUnaligned(fromByteOffset: byteOffset &+ nextBand, as: SIMD8<Float>.self))
                        let lower = Self.maximum(
                            bottom.loadUnaligned(fromByteOffset: byteOffset, as: SIMD8<Float>.self),
                            bottom.loadUnaligned(fromByteOffset: byteOffset &+ nextBand, as: SIMD8<Float>.self))
                        destination.storeBytes(
                            of: Self.maximum(upper, lower), toByteOffset: byteOffset, as: SIMD8<Float>.self)
                        byteOffset &+= MemoryLayout<SIMD8<Float>>.stride
                    }
                }
            }
        }
    }
}
