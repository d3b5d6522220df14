import Foundation
import Testing

@testable import Spotting

/// The SIMD kernels against their scalar references on random input. The two sum in different orders (and the
/// DFT reference in `Double`), so each test states its tolerance: what float32 rounding needs, with a modest margin,
/// and far below what a wrong tap, lane or twiddle would give.
@Suite("Speech-embedding kernels")
struct SpeechEmbeddingKernelTests {
    /// Eight frames of random Int16-range samples, the layout `power` reads (frame j from sample 160·j).
    static func randomChunk(seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<MelFrontEnd.inputSampleCount).map { _ in Float(Int.random(in: -32768...32767, using: &generator)) }
    }

    static func spectra(_ samples: [Float], tables: SpectrumTables, reference: Bool) -> [SIMD8<Float>] {
        var power = [SIMD8<Float>](repeating: SIMD8(), count: SpectrumTables.binCount)
        var scratch = [SIMD8<Float>](repeating: SIMD8(), count: SpectrumTables.scratchCount)
        samples.withUnsafeBufferPointer { input in
            power.withUnsafeMutableBufferPointer { output in
                scratch.withUnsafeMutableBufferPointer { work in
                    if reference {
                        SpeechEmbeddingKernels.Reference.power(
                            input.baseAddress!, frameStride: 160, tables: tables, into: output.baseAddress!)
                    } else {
                        SpeechEmbeddingKernels.Vectorized.power(
                            input.baseAddress!, frameStride: 160, tables: tables, scratch: work.baseAddress!,
                            into: output.baseAddress!)
                    }
                }
            }
        }
        return power
    }

    /// FFT against the direct DFT: within 2e-6 of the frame's largest bin (measured: 4.5e-7). float32 FFT rounding
    /// grows with the log₂ 512 stages; a wrong twiddle moves whole bins by orders of magnitude more.
    @Test("Power spectrum: the FFT matches the direct DFT, per frame, with the real window and a flat one")
    func fftMatchesDFT() throws {
        let realWindow = try SpottingFixtures.weights().values("mel.window")
        for (windowIndex, window) in [realWindow, [Float](repeating: 1, count: 512)].enumerated() {
            let tables = SpectrumTables(window: window)
            for seed in 1...2 {
                let samples = Self.randomChunk(seed: UInt64(seed + 10 * windowIndex))
                let fft = Self.spectra(samples, tables: tables, reference: false)
                let dft = Self.spectra(samples, tables: tables, reference: true)
                for lane in 0..<8 {
                    let peak = dft.map { $0[lane] }.max()!
                    let worst = zip(fft, dft).map { abs($0[lane] - $1[lane]) }.max()!
                    #expect(worst <= 2e-6 * peak, "seed \(seed), frame \(lane): \(worst / peak) of the peak")
                }
            }
        }
    }

    @Test("Power spectrum: a cosine at bin 37 puts its power in bin 37, in every lane")
    func fftTone() {
        let tables = SpectrumTables(window: [Float](repeating: 1, count: 512))
        // Frames 160 apart: the tone's phase differs per frame, its power does not.
        let samples = (0..<MelFrontEnd.inputSampleCount).map {
            Float(1000 * cos(2 * Double.pi * 37 * Double($0) / 512))
        }
        let power = Self.spectra(samples, tables: tables, reference: false)
        for lane in 0..<8 {
            let expected: Float = (1000 * 256) * (1000 * 256)
            #expect(abs(power[37][lane] - expected) <= 1e-5 * expected)
            #expect(power[36][lane] < 1e-6 * expected && power[38][lane] < 1e-6 * expected)
        }
    }

    /// The sparse filter bank against the dense product: relative 1e-5 (float32 sums of up to 16 terms in another
    /// order).
    @Test("Mel filter bank: the sparse SIMD product matches the dense reference")
    func bandEnergies() throws {
        let filters = MelFilters(matrix: try SpottingFixtures.weights().values("mel.filters"))
        var generator = SeededGenerator(seed: 5)
        let power = (0..<SpectrumTables.binCount).map { _ in
            SIMD8<Float>((0..<8).map { _ in Float.random(in: 0...1e12, using: &generator) })
        }
        var vectorized = [SIMD8<Float>](repeating: SIMD8(), count: 32)
        var reference = vectorized
        power.withUnsafeBufferPointer { input in
            SpeechEmbeddingKernels.Vectorized.bandEnergies(input.baseAddress!, filters: filters, into: &vectorized)
            SpeechEmbeddingKernels.Reference.bandEnergies(input.baseAddress!, filters: filters, into: &reference)
        }
        for band in 0..<32 {
            for lane in 0..<8 {
                let expected = reference[band][lane]
                #expect(expected > 0)
                #expect(abs(vectorized[band][lane] - expected) <= 1e-5 * expected, "band \(band), lane \(lane)")
            }
        }
    }

    /// A plane of random values with zero padding columns, and its backing store.
    static func randomPlane(rows: Int, bands: Int, channels: Int, generator: inout SeededGenerator) -> [Float] {
        var values = [Float](repeating: 0, count: rows * (bands + 2) * channels)
        for row in 0..<rows {
            for band in 0..<bands {
                for channel in 0..<channels {
                    values[(row * (bands + 2) + band + 1) * channels + channel] = Float.random(
                        in: -0.4...3, using: &generator)
                }
            }
        }
        return values
    }

    /// Every layer with its real weights over random input: the SIMD kernel within 2e-6 of the reference, relative
    /// to the sum of the absolute values of the terms of each output, the scale float32 dot products summed in
    /// another order err by (measured: at most 3.8e-7 over all 20 layers). Row and band counts include ones that do not come in fours, so the remainder path and
    /// four-position groups that span rows both run.
    @Test("Convolution: every layer's SIMD kernel matches the reference", arguments: 0..<20)
    func convolution(layerIndex: Int) throws {
        let network = try SpottingFixtures.network()
        let weights = network.layers[layerIndex]
        let layer = weights.layer
        var generator = SeededGenerator(seed: UInt64(100 + layerIndex))
        for (outputRows, bands) in [(2, 5), (3, 8), (1, 1)] {
            let inputRows = outputRows + layer.timeTapCount - 1
            var input = Self.randomPlane(
                rows: inputRows, bands: bands, channels: layer.inputChannelCount, generator: &generator)
            var magnitudes = input.map(abs)
            let outputCount = outputRows * (bands + 2) * layer.outputChannelCount
            var vectorized = [Float](repeating: .nan, count: outputCount)
            var reference = [Float](repeating: .nan, count: outputCount)
            var scale = [Float](repeating: .nan, count: outputCount)
            input.withUnsafeMutableBufferPointer { inputBuffer in
                magnitudes.withUnsafeMutableBufferPointer { magnitudeBuffer in
                    let inputPlane = FeaturePlane(
                        base: inputBuffer.baseAddress!, rowCount: inputRows, bandCount: bands,
                        channelCount: layer.inputChannelCount)
                    func output(_ buffer: inout [Float]) -> FeaturePlane {
                        buffer.withUnsafeMutableBufferPointer {
                            FeaturePlane(
                                base: $0.baseAddress!, rowCount: outputRows, bandCount: bands,
                                channelCount: layer.outputChannelCount)
                        }
                    }
                    SpeechEmbeddingKernels.Vectorized.convolve(weights, input: inputPlane, output: output(&vectorized))
                    SpeechEmbeddingKernels.Reference.convolve(weights, input: inputPlane, output: output(&reference))
                    // The same sum over |input| × |weight|, without bias or activation: each output's error scale.
                    let absolute = network.absoluteCopy(of: layerIndex)
                    SpeechEmbeddingKernels.Reference.convolve(
                        absolute.weights,
                        input: FeaturePlane(
                            base: magnitudeBuffer.baseAddress!, rowCount: inputRows, bandCount: bands,
                            channelCount: layer.inputChannelCount),
                        output: output(&scale))
                }
            }
            for index in 0..<outputCount {
                let isPadding = (index / layer.outputChannelCount) % (bands + 2)
                if isPadding == 0 || isPadding == bands + 1 {
                    #expect(vectorized[index].isNaN && reference[index].isNaN, "padding column written")
                    continue
                }
                let bound = 2e-6 * (scale[index] + 1)
                #expect(
                    abs(vectorized[index] - reference[index]) <= bound,
                    "layer \(layerIndex), \(outputRows) × \(bands), value \(index): \(vectorized[index]) vs \(reference[index])"
                )
            }
        }
    }

    @Test(
        "Max pooling: the SIMD kernel equals the reference exactly",
        arguments: [
            SpeechEmbeddingArchitecture.Pooling.timeAndBands, .bands,
        ])
    func pooling(_ pooling: SpeechEmbeddingArchitecture.Pooling) {
        var generator = SeededGenerator(seed: pooling == .bands ? 1 : 2)
        let channels = 48
        let outputRows = 3
        let outputBands = 4
        let inputRows = outputRows * pooling.timeFactor
        var input = Self.randomPlane(rows: inputRows, bands: 2 * outputBands, channels: channels, generator: &generator)
        let outputCount = outputRows * (outputBands + 2) * channels
        var vectorized = [Float](repeating: .nan, count: outputCount)
        var reference = [Float](repeating: .nan, count: outputCount)
        input.withUnsafeMutableBufferPointer { buffer in
            let plane = FeaturePlane(
                base: buffer.baseAddress!, rowCount: inputRows, bandCount: 2 * outputBands, channelCount: channels)
            vectorized.withUnsafeMutableBufferPointer {
                SpeechEmbeddingKernels.Vectorized.pool(
                    pooling, input: plane,
                    output: FeaturePlane(
                        base: $0.baseAddress!, rowCount: outputRows, bandCount: outputBands, channelCount: channels))
            }
            reference.withUnsafeMutableBufferPointer {
                SpeechEmbeddingKernels.Reference.pool(
                    pooling, input: plane,
                    output: FeaturePlane(
                        base: $0.baseAddress!, rowCount: outputRows, bandCount: outputBands, channelCount: channels))
            }
        }
        #expect(vectorized.map(\.bitPattern) == reference.map(\.bitPattern))
        #expect(reference.contains { !$0.isNaN })
    }
}
