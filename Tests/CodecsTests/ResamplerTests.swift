import Foundation
import Testing

@testable import Codecs

/// The speexdsp resampler: level, frequency and time alignment against analytic sines, streaming, and limits.
@Suite("Resampler")
struct ResamplerTests {
    /// One rate pair and a test frequency inside both rates' bands.
    struct Pair: CustomTestStringConvertible, Sendable {
        var input: Int
        var output: Int
        var testDescription: String { "\(self.input) → \(self.output) Hz" }
    }

    static let pairs = [
        Pair(input: 8_000, output: 16_000), Pair(input: 16_000, output: 8_000), Pair(input: 48_000, output: 16_000),
        Pair(input: 44_100, output: 16_000), Pair(input: 16_000, output: 22_050), Pair(input: 22_050, output: 8_000),
    ]

    /// Runs `input` through `resampler` in 10 ms blocks (220 frames at 22.05 kHz, with a shorter last block), each
    /// into an output buffer of exactly `maximumOutputFrameCount` frames, checking that every block is consumed
    /// whole and stays within the bound.
    static func streamed(_ input: [Float], through resampler: Resampler, blockFrameCount: Int? = nil) -> [Float] {
        let blockFrames = blockFrameCount ?? resampler.inputSampleRate / 100
        let block = blockFrames * resampler.channelCount
        var output: [Float] = []
        var buffer = [Float](
            repeating: 0,
            count: resampler.maximumOutputFrameCount(forInputFrameCount: blockFrames) * resampler.channelCount)
        for start in stride(from: 0, to: input.count, by: block) {
            let slice = input[start..<min(start + block, input.count)]
            let bound = resampler.maximumOutputFrameCount(forInputFrameCount: slice.count / resampler.channelCount)
            let progress = slice.withUnsafeBufferPointer { input in
                buffer.withUnsafeMutableBufferPointer {
                    resampler.process(
                        input, into: UnsafeMutableBufferPointer(rebasing: $0[0..<bound * resampler.channelCount]))
                }
            }
            #expect(progress.consumedFrameCount == slice.count / resampler.channelCount)
            #expect(progress.producedFrameCount <= bound)
            output += buffer[0..<progress.producedFrameCount * resampler.channelCount]
        }
        return output
    }

    /// 90 dB is about 10 dB under the worst SNR measured at the default quality for these pairs (101 dB for a
    /// 3 kHz tone through 22.05 → 8 kHz). Anything that damages the signal lands far below it: being one output
    /// frame out of alignment gives under 25 dB at these frequencies, a wrong ratio or a lost block near 0 dB.
    static let minimumSNR = 90.0

    @Test(
        "a sine keeps its frequency, level and phase after skipping the latency", arguments: pairs,
        [440.0, 1_000, 3_000])
    func sine(pair: Pair, frequency: Double) throws {
        let resampler = try Resampler(inputSampleRate: pair.input, outputSampleRate: pair.output)
        resampler.skipLeadingLatency()
        let input = makeSine(frequency: frequency, sampleRate: pair.input, frameCount: pair.input).map(Float.init)

        let output = Self.streamed(input, through: resampler)

        // With the leading latency skipped, output frame n is the input at time n / outputRate, so it is compared
        // with the analytic sine directly, without fitting a phase. The first and last 20 ms ring from the sine's
        // abrupt start and from the latency still held inside the filter at the end.
        let edge = pair.output / 50
        let expected = makeSine(frequency: frequency, sampleRate: pair.output, frameCount: output.count)
        let value = snr(output[edge..<(output.count - edge)], against: expected[edge..<(output.count - edge)])
        #expect(value > Self.minimumSNR, "SNR \(value) dB")
        let fit = SineFit(output[edge..<(output.count - edge)], frequency: frequency, sampleRate: Double(pair.output))
        #expect(abs(fit.amplitude - 0.5) < 0.0005, "amplitude \(fit.amplitude)")

        // What is missing from one second of output is the latency still inside the filter.
        #expect(abs(output.count - (pair.output - resampler.latencyFrameCount)) <= 1)
    }

    @Test(
        "for integer ratios, shifting by latencyFrameCount aligns the output as skipping does",
        arguments: [
            Pair(input: 8_000, output: 16_000), Pair(input: 16_000, output: 8_000), Pair(input: 48_000, output: 16_000),
        ])
    func latencyCompensation(pair: Pair) throws {
        let resampler = try Resampler(inputSampleRate: pair.input, outputSampleRate: pair.output)
        let input = makeSine(frequency: 1_000, sampleRate: pair.input, frameCount: pair.input).map(Float.init)

        let output = Self.streamed(input, through: resampler)
        #expect(output.count == pair.output)

        let latency = resampler.latencyFrameCount
        let edge = pair.output / 50
        let expected = makeSine(frequency: 1_000, sampleRate: pair.output, frameCount: pair.output)
        let value = snr(
            output[(latency + edge)..<(pair.output - edge)], against: expected[edge..<(pair.output - edge - latency)])
        #expect(value > Self.minimumSNR, "SNR \(value) dB")
    }

    @Test("the latency is the filter's half-length, in output frames", arguments: pairs)
    func latency(pair: Pair) throws {
        let resampler = try Resampler(inputSampleRate: pair.input, outputSampleRate: pair.output)
        let exact = Double(resampler.inputLatencyFrameCount) * Double(pair.output) / Double(pair.input)
        #expect(resampler.latencyFrameCount > 0)
        #expect(abs(Double(resampler.latencyFrameCount) - exact) <= 0.5 + 1e-9)
    }

    @Test("streaming in 10 ms blocks equals one call over the whole signal", arguments: pairs)
    func streamingEqualsOneShot(pair: Pair) throws {
        let input = makeSine(frequency: 700, sampleRate: pair.input, frameCount: pair.input / 2).map(Float.init)
        let streamed = Self.streamed(
            input, through: try Resampler(inputSampleRate: pair.input, outputSampleRate: pair.output))

        let oneShot = try Resampler(inputSampleRate: pair.input, outputSampleRate: pair.output)
        var output = [Float](repeating: 0, count: oneShot.maximumOutputFrameCount(forInputFrameCount: input.count))
        let progress = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { oneShot.process(input, into: $0) }
        }
        #expect(progress.consumedFrameCount == input.count)
        #expect(progress.producedFrameCount == streamed.count)
        // The same filter runs over the same samples; only the order of float additions could differ.
        let worst = zip(streamed, output).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "largest difference \(worst)")
    }

    @Test("odd block sizes are consumed whole and give the same output as 10 ms blocks", arguments: [1, 37, 441])
    func oddBlocks(blockFrameCount: Int) throws {
        let input = makeSine(frequency: 700, sampleRate: 44_100, frameCount: 22_050).map(Float.init)
        let tenMilliseconds = Self.streamed(
            input, through: try Resampler(inputSampleRate: 44_100, outputSampleRate: 16_000))
        let odd = Self.streamed(
            input, through: try Resampler(inputSampleRate: 44_100, outputSampleRate: 16_000),
            blockFrameCount: blockFrameCount)
        #expect(odd.count == tenMilliseconds.count)
        let worst = zip(odd, tenMilliseconds).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "largest difference \(worst)")
    }

    @Test("every supported pair consumes 10 ms blocks whole and produces the ratio's frame count")
    func everyPair() throws {
        for input in Resampler.supportedSampleRates {
            for output in Resampler.supportedSampleRates {
                let resampler = try Resampler(inputSampleRate: input, outputSampleRate: output)
                let signal = makeSine(frequency: 300, sampleRate: input, frameCount: input / 10).map(Float.init)
                let produced = Self.streamed(signal, through: resampler).count
                // Without skipping the latency, the lag is leading output, so the count is the exact ratio.
                let expected = output / 10
                #expect(abs(produced - expected) <= 1, "\(input) → \(output): \(produced) frames, expected \(expected)")
            }
        }
    }

    @Test("reset() makes the next output the same as a fresh resampler's")
    func reset() throws {
        let input = makeSine(frequency: 500, sampleRate: 48_000, frameCount: 4_800).map(Float.init)
        let fresh = Self.streamed(input, through: try Resampler(inputSampleRate: 48_000, outputSampleRate: 16_000))
        let reused = try Resampler(inputSampleRate: 48_000, outputSampleRate: 16_000)
        _ = Self.streamed(input.reversed(), through: reused)
        reused.reset()
        #expect(Self.streamed(input, through: reused) == fresh)
    }

    @Test("stereo keeps each channel's own sine")
    func stereo() throws {
        let resampler = try Resampler(inputSampleRate: 48_000, outputSampleRate: 16_000, channelCount: 2)
        resampler.skipLeadingLatency()
        let left = makeSine(frequency: 440, sampleRate: 48_000, frameCount: 48_000)
        let right = makeSine(frequency: 1_000, amplitude: 0.25, sampleRate: 48_000, frameCount: 48_000)
        let interleaved = zip(left, right).flatMap { [Float($0), Float($1)] }

        let output = Self.streamed(interleaved, through: resampler)
        let outLeft = stride(from: 0, to: output.count, by: 2).map { output[$0] }
        let outRight = stride(from: 1, to: output.count, by: 2).map { output[$0] }
        let edge = 320
        let leftFit = SineFit(outLeft[edge..<(outLeft.count - edge)], frequency: 440, sampleRate: 16_000)
        let rightFit = SineFit(outRight[edge..<(outRight.count - edge)], frequency: 1_000, sampleRate: 16_000)
        #expect(abs(leftFit.amplitude - 0.5) < 0.0005 && leftFit.snr > Self.minimumSNR, "left \(leftFit)")
        #expect(abs(rightFit.amplitude - 0.25) < 0.00025 && rightFit.snr > Self.minimumSNR, "right \(rightFit)")
    }

    @Test("16-bit samples resample 8 → 16 kHz to within 16-bit rounding of the sine")
    func int16() throws {
        let resampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000)
        resampler.skipLeadingLatency()
        let input = makeSine(frequency: 1_000, sampleRate: 8_000, frameCount: 8_000).map {
            Int16(($0 * 32_768).rounded())
        }
        var output = [Int16](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: 8_000))
        let progress = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        #expect(progress.consumedFrameCount == 8_000)
        let samples = output[0..<progress.producedFrameCount].map { Float($0) / 32_768 }
        let expected = makeSine(frequency: 1_000, sampleRate: 16_000, frameCount: samples.count)
        // 16-bit rounding of a −6 dBFS sine limits the SNR to about 92 dB; 80 leaves room for two roundings.
        let value = snr(samples[320..<(samples.count - 320)], against: expected[320..<(samples.count - 320)])
        #expect(value > 80, "SNR \(value) dB")
    }

    @Test("processSilence drains the held-back frames: the output reaches the ratio's full length")
    func drain() throws {
        let resampler = try Resampler(inputSampleRate: 16_000, outputSampleRate: 8_000)
        resampler.skipLeadingLatency()
        let input = makeSine(frequency: 440, sampleRate: 16_000, frameCount: 16_000).map(Float.init)
        var output = Self.streamed(input, through: resampler)
        var tail = [Float](
            repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: resampler.inputLatencyFrameCount)
        )
        let progress = tail.withUnsafeMutableBufferPointer {
            resampler.processSilence(frameCount: resampler.inputLatencyFrameCount, into: $0)
        }
        output += tail[0..<progress.producedFrameCount]
        #expect(output.count == 8_000)
        let expected = makeSine(frequency: 440, sampleRate: 8_000, frameCount: 8_000)
        // The end of the drained tail is where the input stopped; compare up to 20 ms before it.
        #expect(snr(output[160..<7_840], against: expected[160..<7_840]) > Self.minimumSNR)
    }

    @Test("maximumOutputFrameCount rounds the ratio up and adds one frame")
    func maximumOutput() {
        #expect(
            Resampler.maximumOutputFrameCount(inputFrameCount: 80, inputSampleRate: 8_000, outputSampleRate: 16_000)
                == 161)
        #expect(
            Resampler.maximumOutputFrameCount(inputFrameCount: 441, inputSampleRate: 44_100, outputSampleRate: 16_000)
                == 161)
        #expect(
            Resampler.maximumOutputFrameCount(inputFrameCount: 0, inputSampleRate: 8_000, outputSampleRate: 16_000) == 0
        )
    }

    @Test("refuses unsupported rates, naming the rates it converts", arguments: [0, -8_000, 11_025, 12_345, 96_000])
    func unsupportedRate(rate: Int) {
        #expect(throws: ResamplerError.unsupportedSampleRate(rate)) {
            _ = try Resampler(inputSampleRate: rate, outputSampleRate: 16_000)
        }
        #expect(throws: ResamplerError.unsupportedSampleRate(rate)) {
            _ = try Resampler(inputSampleRate: 16_000, outputSampleRate: rate)
        }
        #expect(ResamplerError.unsupportedSampleRate(rate).description.contains("8000, 16000, 22050"))
    }

    @Test("refuses impossible channel counts and qualities")
    func unsupportedSettings() {
        #expect(throws: ResamplerError.unsupportedChannelCount(0)) {
            _ = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000, channelCount: 0)
        }
        #expect(throws: ResamplerError.unsupportedChannelCount(9)) {
            _ = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000, channelCount: 9)
        }
        #expect(throws: ResamplerError.unsupportedQuality(11)) {
            _ = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000, quality: 11)
        }
        #expect(throws: ResamplerError.unsupportedQuality(-1)) {
            _ = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000, quality: -1)
        }
    }

    @Test("an empty or too-small output buffer consumes what fits and never overruns")
    func smallOutput() throws {
        let resampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000)
        let input = [Float](repeating: 0.1, count: 80)
        var output = [Float](repeating: 0, count: 10)
        let empty = input.withUnsafeBufferPointer {
            resampler.process($0, into: UnsafeMutableBufferPointer(start: nil, count: 0))
        }
        #expect(empty == Resampler.Progress(consumedFrameCount: 0, producedFrameCount: 0))
        let progress = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        #expect(progress.producedFrameCount <= 10)
        #expect(progress.consumedFrameCount < 80)
    }
}
