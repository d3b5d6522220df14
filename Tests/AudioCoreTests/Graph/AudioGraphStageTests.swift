import Synchronization
import Testing

@testable import AudioCore

/// Outputs each frame's own sample time (block start plus frame index) on every channel, so a test can tell which
/// input frame ended up where.
final class RampSource: AudioNode {
    func prepare(format: AudioFormat, maximumFrameCount: Int) {}

    func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let channelCount = context.outputFormat.channelCount
        for frame in 0..<context.outputFrameCount {
            for channel in 0..<channelCount {
                output[frame * channelCount + channel] = Float(context.sampleTime) + Float(frame)
            }
        }
    }
}

@Suite("Audio graph stages")
struct AudioGraphStageTests {
    static let stereo16k = try! AudioFormat(sampleRate: 16000, channelCount: 2)

    @Test("Nodes that keep their format report their input as their output")
    func defaultOutputFormat() throws {
        #expect(GainNode(gain: 1).outputFormat(for: .narrowband) == .narrowband)
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 1, blockSampleCount: 160)
        #expect(BlockRingTap(ring: ring).outputFormat(for: Self.stereo16k) == Self.stereo16k)
        let graph = try AudioGraph(format: .wideband, block: .graph, nodes: [GainNode(gain: 1)])
        #expect(graph.outputFormat == .wideband)
        #expect(graph.outputFrameCount == 160)
        #expect(graph.outputSampleCount == graph.sampleCount)
    }

    @Test("A chain that changes rate twice, 8 → 48 → 16 kHz, sizes each stage by the rate ratio")
    func rateChangesTwice() throws {
        let up = FormatChangeProbe(sampleRate: 48000)
        let down = FormatChangeProbe(sampleRate: 16000)
        let tapLedger = NodeLedger()
        let graph = try AudioGraph(
            format: .narrowband, block: .graph, nodes: [RampSource(), up, down, ProbeNode(ledger: tapLedger)])

        #expect(graph.format == .narrowband)
        #expect(graph.frameCount == 80)
        #expect(graph.sampleCount == 80)
        #expect(graph.outputFormat == .wideband)
        #expect(graph.outputFrameCount == 160)
        #expect(graph.outputSampleCount == 160)
        #expect(up.prepared.withLock { $0?.format } == .narrowband)
        #expect(up.prepared.withLock { $0?.maximumFrameCount } == 80)
        #expect(down.prepared.withLock { $0?.format } == .fullband)
        #expect(down.prepared.withLock { $0?.maximumFrameCount } == 480)
        #expect(tapLedger.preparedSampleRate.load(ordering: .relaxed) == 16000)
        #expect(tapLedger.preparedMaximumFrameCount.load(ordering: .relaxed) == 160)

        // 48 kHz frame f holds 8 kHz frame f / 6; 16 kHz frame g holds 48 kHz frame 3g, so 8 kHz frame g / 2.
        var output = [Float](repeating: .nan, count: 160)
        for block in 0..<5 {
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            let expected = (0..<160).map { Float(block * 80 + $0 / 2) }
            #expect(output == expected, "block \(block)")
        }
    }

    @Test("Each node gets its own stage's formats, frame counts and sample time")
    func contextsPerStage() throws {
        let toStereo = FormatChangeProbe(sampleRate: 16000, channelCount: 2)
        let down = FormatChangeProbe(sampleRate: 8000)
        let graph = try AudioGraph(format: .narrowband, block: .graph, nodes: [RampSource(), toStereo, down])
        #expect(graph.outputFormat == (try AudioFormat(sampleRate: 8000, channelCount: 2)))
        #expect(graph.outputSampleCount == 160)

        var output = [Float](repeating: .nan, count: 160)
        for _ in 0..<3 {
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
        }
        let stereo8k = try AudioFormat(sampleRate: 8000, channelCount: 2)
        let upContexts = toStereo.contexts.withLock { $0 }
        let downContexts = down.contexts.withLock { $0 }
        #expect(
            upContexts
                == (0..<3).map {
                    AudioProcessContext(
                        format: .narrowband, frameCount: 80, outputFormat: Self.stereo16k, outputFrameCount: 160,
                        sampleTime: Int64($0 * 80))
                })
        #expect(
            downContexts
                == (0..<3).map {
                    AudioProcessContext(
                        format: Self.stereo16k, frameCount: 160, outputFormat: stereo8k, outputFrameCount: 80,
                        sampleTime: Int64($0 * 160))
                })
        #expect(downContexts.first?.sampleCount == 320)
        #expect(downContexts.first?.outputSampleCount == 160)

        graph.reset()
        output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
        #expect(down.contexts.withLock { $0.last?.sampleTime } == 0)
    }

    @Test("The short initializer of a context keeps output equal to input")
    func contextShortInitializer() throws {
        let context = AudioProcessContext(format: Self.stereo16k, frameCount: 160, sampleTime: 7)
        #expect(context.outputFormat == Self.stereo16k)
        #expect(context.outputFrameCount == 160)
        #expect(context.outputSampleCount == 320)
        #expect(context.sampleCount == 320)
    }

    @Test("A rate ratio that does not give whole frames per block is refused, naming the node, rates and block")
    func unevenRatioRefused() {
        let expected = AudioGraphError.unevenRateRatio(
            node: "FormatChangeProbe", inputSampleRate: 48000, outputSampleRate: 8000, inputFrameCount: 100)
        #expect(throws: expected) {
            try AudioGraph(format: .fullband, frameCount: 100, nodes: [FormatChangeProbe(sampleRate: 8000)])
        }
        // A later stage is checked at its own frame count: 2 frames at 8 kHz make 3 at 12 kHz, 11.025 at 44.1 kHz.
        #expect(
            throws: AudioGraphError.unevenRateRatio(
                node: "FormatChangeProbe", inputSampleRate: 12000, outputSampleRate: 44100, inputFrameCount: 3)
        ) {
            try AudioGraph(
                format: .narrowband, frameCount: 2,
                nodes: [FormatChangeProbe(sampleRate: 12000), FormatChangeProbe(sampleRate: 44100)])
        }
        let message = expected.description
        #expect(message.contains("FormatChangeProbe"))
        #expect(message.contains("48000 Hz") && message.contains("8000 Hz") && message.contains("100 frames"))
    }

    @Test("A host with both sides renders a rate-changing graph into output-sized blocks")
    func hostWithOutputSide() throws {
        let host = AudioGraphHost(format: .narrowband, frameCount: 80, outputFormat: .wideband, outputFrameCount: 160)
        #expect(host.sampleCount == 80)
        #expect(host.outputSampleCount == 160)
        host.publish(
            try AudioGraph(
                format: .narrowband, block: .graph, nodes: [RampSource(), FormatChangeProbe(sampleRate: 16000)]))
        var output = [Float](repeating: .nan, count: 160)
        #expect(output.withUnsafeMutableBufferPointer { host.render(input: nil, output: $0) })
        #expect(output == (0..<160).map { Float($0 / 2) })

        let plain = AudioGraphHost(format: .wideband, frameCount: 160)
        #expect(plain.outputFormat == .wideband)
        #expect(plain.outputFrameCount == 160)
    }

    @Test("A host refuses a graph whose input matches but whose output side differs")
    func hostRefusesOtherOutput() async {
        await #expect(processExitsWith: .failure) {
            let host = AudioGraphHost(format: .narrowband, frameCount: 80)
            host.publish(
                try! AudioGraph(format: .narrowband, frameCount: 80, nodes: [FormatChangeProbe(sampleRate: 16000)]))
        }
        await #expect(processExitsWith: .failure) {
            let host = AudioGraphHost(
                format: .narrowband, frameCount: 80, outputFormat: .wideband, outputFrameCount: 160)
            host.publish(try! AudioGraph(format: .narrowband, frameCount: 80, nodes: [GainNode(gain: 1)]))
        }
    }
}
