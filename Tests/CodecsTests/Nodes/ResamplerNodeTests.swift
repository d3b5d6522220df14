import AudioCore
import Foundation
import Testing

@testable import Codecs

/// The resampler as a graph stage: exact frame counts per block, the same output as direct calls, refusals.
@Suite("Resampler node")
struct ResamplerNodeTests {
    static let engineRates = [8_000, 12_000, 16_000, 24_000, 32_000, 48_000]

    /// Renders `blockCount` blocks of a sine at `inputRate` through a resampler into `outputRate`, and returns the
    /// output and the node's counters.
    static func render(
        from inputRate: Int, to outputRate: Int, blockCount: Int
    ) throws -> (output: [Float], counters: ResamplerNode.Counters, graph: AudioGraph) {
        let node = ResamplerNode(outputSampleRate: outputRate)
        let counters = node.counters
        let format = try AudioFormat(sampleRate: inputRate, channelCount: 1)
        let graph = try AudioGraph(
            format: format, block: .graph, nodes: [SineSource(frequency: 300, amplitude: 0.5), node])
        var output = [Float](repeating: .nan, count: blockCount * graph.outputSampleCount)
        output.withUnsafeMutableBufferPointer { output in
            for block in 0..<blockCount {
                let start = block * graph.outputSampleCount
                graph.render(
                    input: nil,
                    output: UnsafeMutableBufferPointer(rebasing: output[start..<(start + graph.outputSampleCount)]))
            }
        }
        return (output, counters, graph)
    }

    /// Measured: with 10 ms blocks every pair of engine rates gets exactly the ratio's frames from one speexdsp
    /// call per block, so nothing is ever padded or carried. The test renders 500 blocks (5 s) per pair.
    @Test("every pair of engine rates fills every 10 ms block exactly, with no padding or carried input")
    func exactFrameCounts() throws {
        for input in Self.engineRates {
            for output in Self.engineRates {
                let (samples, counters, graph) = try Self.render(from: input, to: output, blockCount: 500)
                #expect(graph.outputFrameCount == output / 100)
                #expect(counters.shortBlockCount == 0, "\(input) → \(output)")
                #expect(counters.paddedFrameCount == 0, "\(input) → \(output)")
                #expect(counters.droppedInputFrameCount == 0, "\(input) → \(output)")
                #expect(samples.allSatisfy { $0.isFinite })
                // Past the filter's start-up, the output is still the 300 Hz sine at the input's level.
                let tail = samples.suffix(output / 2)
                let fit = SineFit(tail, frequency: 300, sampleRate: Double(output))
                #expect(fit.snr > 40, "\(input) → \(output): SNR \(fit.snr) dB")
                #expect(abs(fit.amplitude - 0.5) < 0.01, "\(input) → \(output): amplitude \(fit.amplitude)")
            }
        }
    }

    @Test("44.1 kHz to 16 kHz, the uneven file rate, also fills every block exactly")
    func fileRate() throws {
        let (_, counters, graph) = try Self.render(from: 44_100, to: 16_000, blockCount: 500)
        #expect(graph.frameCount == 441)
        #expect(graph.outputFrameCount == 160)
        #expect(counters.shortBlockCount == 0)
        #expect(counters.droppedInputFrameCount == 0)
    }

    @Test("the stage's output equals one direct Resampler call over the whole signal, within 1e-6")
    func matchesDirectCalls() throws {
        let blockCount = 200
        let (graphOutput, _, _) = try Self.render(from: 8_000, to: 16_000, blockCount: blockCount)

        // The same sine, made by the same source outside a graph, resampled in one call.
        let source = SineSource(frequency: 300, amplitude: 0.5)
        source.prepare(format: .narrowband, maximumFrameCount: 80 * blockCount)
        var input = [Float](repeating: 0, count: 80 * blockCount)
        input.withUnsafeMutableBufferPointer { buffer in
            source.process(
                UnsafeBufferPointer(buffer), into: buffer,
                context: AudioProcessContext(format: .narrowband, frameCount: 80 * blockCount, sampleTime: 0))
        }
        let resampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000)
        var direct = [Float](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: input.count))
        let progress = input.withUnsafeBufferPointer { input in
            direct.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        #expect(progress.producedFrameCount == graphOutput.count)
        let worst = zip(graphOutput, direct).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "largest difference \(worst)")
    }

    /// The graph never asks for this, but the node guards it: contexts made by hand ask for 150, then 170, then
    /// 160 frames from 80-frame blocks at 8 → 16 kHz, so the first call leaves input over and the second uses it.
    @Test("input left over by a short call is fed first next block; too little input is padded and counted")
    func carryAndPadding() throws {
        let node = ResamplerNode(outputSampleRate: 16_000)
        try node.prepare(format: .narrowband, maximumFrameCount: 80)
        let input = makeSine(frequency: 300, sampleRate: 8_000, frameCount: 240).map(Float.init)
        var output = [Float](repeating: .nan, count: 480 + 200)
        var start = 0
        for (block, outputFrameCount) in [150, 170, 160].enumerated() {
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { output in
                    node.process(
                        UnsafeBufferPointer(rebasing: input[(block * 80)..<((block + 1) * 80)]),
                        into: UnsafeMutableBufferPointer(rebasing: output[start..<(start + outputFrameCount)]),
                        context: AudioProcessContext(
                            format: .narrowband, frameCount: 80, outputFormat: .wideband,
                            outputFrameCount: outputFrameCount, sampleTime: Int64(block * 80)))
                }
            }
            start += outputFrameCount
        }
        #expect(node.counters.shortBlockCount == 0)

        let resampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000)
        var direct = [Float](repeating: 0, count: 481)
        _ = input.withUnsafeBufferPointer { input in
            direct.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        let worst = zip(output[..<480], direct[..<480]).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "largest difference \(worst)")

        // 80 frames cannot make 200: the 40 missing frames are silence, counted.
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                node.process(
                    UnsafeBufferPointer(rebasing: input[0..<80]),
                    into: UnsafeMutableBufferPointer(rebasing: output[480..<680]),
                    context: AudioProcessContext(
                        format: .narrowband, frameCount: 80, outputFormat: .wideband, outputFrameCount: 200,
                        sampleTime: 240))
            }
        }
        #expect(node.counters.shortBlockCount == 1)
        #expect(node.counters.paddedFrameCount == 40)
        #expect(output[640..<680].allSatisfy { $0 == 0 })
    }

    @Test("stereo keeps two channels and the frames per block follow the rate")
    func stereo() throws {
        let stereo48k = try AudioFormat(sampleRate: 48_000, channelCount: 2)
        let node = ResamplerNode(outputSampleRate: 16_000)
        let graph = try AudioGraph(format: stereo48k, block: .graph, nodes: [node])
        #expect(graph.outputFormat == (try AudioFormat(sampleRate: 16_000, channelCount: 2)))
        #expect(graph.outputSampleCount == 320)
        let input = [Float](repeating: 0.25, count: 960)
        var output = [Float](repeating: .nan, count: 320)
        for _ in 0..<20 {
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { graph.render(input: input, output: $0) }
            }
        }
        #expect(output.allSatisfy { abs($0 - 0.25) < 1e-3 })
        #expect(node.counters.shortBlockCount == 0)
    }

    @Test("reset makes the next blocks the same as a fresh graph's")
    func reset() throws {
        let (fresh, _, _) = try Self.render(from: 16_000, to: 8_000, blockCount: 10)
        let (_, _, graph) = try Self.render(from: 16_000, to: 8_000, blockCount: 7)
        graph.reset()
        var again = [Float](repeating: .nan, count: 10 * 80)
        again.withUnsafeMutableBufferPointer { again in
            for block in 0..<10 {
                graph.render(
                    input: nil, output: UnsafeMutableBufferPointer(rebasing: again[(block * 80)..<((block + 1) * 80)]))
            }
        }
        #expect(again == fresh)
    }

    @Test("an output rate it cannot produce is refused, listing the rates it can")
    func unsupportedOutputRate() {
        let expected = AudioGraphError.unsupportedOutputSampleRate(
            node: "ResamplerNode", sampleRate: 22_050, accepted: ResamplerNode.supportedSampleRates)
        #expect(throws: expected) {
            try AudioGraph(format: .wideband, block: .graph, nodes: [ResamplerNode(outputSampleRate: 22_050)])
        }
        #expect(expected.description.contains("ResamplerNode cannot output 22050 Hz"))
        #expect(expected.description.contains("8000, 12000, 16000"))
    }

    @Test("an input rate it cannot take is refused, naming the node and what it accepts")
    func unsupportedInputRate() throws {
        let odd = try AudioFormat(sampleRate: 11_000, channelCount: 1)
        #expect {
            try AudioGraph(format: odd, block: .graph, nodes: [ResamplerNode(outputSampleRate: 16_000)])
        } throws: { error in
            guard case .unsupportedFormat(let node, let format, let frameCount, _) = error as? AudioGraphError
            else { return false }
            let message = "\(error)"
            return node == "ResamplerNode" && format == odd && frameCount == 110
                && message.contains("ResamplerNode cannot run at 11000 Hz") && message.contains("12000")
        }
    }
}
