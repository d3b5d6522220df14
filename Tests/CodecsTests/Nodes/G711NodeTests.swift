import AudioCore
import Foundation
import Testing

@testable import Codecs

/// G.711 as graph stages: a ring of codes decoded and resampled for recognition, and synthesized audio resampled
/// and encoded for the phone line, each checked against the same steps done by direct calls.
@Suite("G.711 nodes")
struct G711NodeTests {
    static func speech() throws -> TestWAVFile {
        let url = AudioFixtures.corpora.appendingPathComponent("asr_fsdd/recordings/0_george_0.wav")
        let wav = try TestWAVFile(contentsOf: url)
        try #require(wav.sampleRate == 8000 && wav.channelCount == 1)
        return wav
    }

    /// The G.711 decode and Int16 → Float steps are bit-exact between the graph (SIMD) and the reference kernels
    /// used here, so the only difference left is the resampler run in 10 ms blocks against one call over the
    /// whole signal: measured under 1e-6, checked at 1e-6.
    @Test("G.711 ring → decoder → resampler 8 → 16 kHz → tap matches direct decoding and resampling of speech")
    func decodeResampleTap() throws {
        let wav = try Self.speech()
        let blockCount = wav.samples.count / 80
        var codes = [UInt8](repeating: 0, count: blockCount * 80)
        _ = wav.samples[..<(blockCount * 80)].withContiguousStorageIfAvailable { samples in
            codes.withUnsafeMutableBufferPointer { G711.encode(samples, law: .muLaw, into: $0) }
        }

        let codeRing = BlockRingBuffer<UInt8>(minimumBlockCapacity: 4, blockSampleCount: 80)
        let tapRing = BlockRingBuffer<Float>(minimumBlockCapacity: 4, layout: AudioFormat.wideband.blockLayout(.graph))
        let decoder = G711DecoderSource(ring: codeRing, law: .muLaw)
        let underruns = decoder.underruns
        let graph = try AudioGraph(
            format: .narrowband, block: .graph,
            nodes: [decoder, ResamplerNode(outputSampleRate: 16000), BlockRingTap(ring: tapRing)])
        #expect(graph.outputFormat == .wideband)
        #expect(graph.outputFrameCount == 160)

        var tapped: [Float] = []
        var output = [Float](repeating: .nan, count: 160)
        var block = [Float](repeating: .nan, count: 160)
        for index in 0..<blockCount {
            #expect(
                codes[(index * 80)..<((index + 1) * 80)].withUnsafeBufferPointer { codeRing.tryWrite(blocks: $0) } == 1)
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            #expect(block.withUnsafeMutableBufferPointer { tapRing.tryRead(blocksInto: $0) } == 1)
            #expect(block == output)
            tapped += block
        }
        #expect(underruns.value == 0)
        #expect(tapped.count == blockCount * 160)

        // The same steps by direct calls, with the scalar reference kernels and one resampler call.
        var decoded = [Int16](repeating: 0, count: codes.count)
        _ = codes.withUnsafeBufferPointer { codes in
            decoded.withUnsafeMutableBufferPointer { G711.decode(codes, law: .muLaw, into: $0, kernel: .reference) }
        }
        var floats = [Float](repeating: 0, count: codes.count)
        decoded.withUnsafeBufferPointer { decoded in
            floats.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(decoded, to: $0) }
        }
        let resampler = try Resampler(inputSampleRate: 8000, outputSampleRate: 16000)
        var expected = [Float](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: floats.count))
        let progress = floats.withUnsafeBufferPointer { floats in
            expected.withUnsafeMutableBufferPointer { resampler.process(floats, into: $0) }
        }
        #expect(progress.producedFrameCount == tapped.count)

        let worst = zip(tapped, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "largest difference \(worst)")
        // Not silence: the speech carries through.
        #expect(tapped.map { abs($0) }.max()! > 0.05)
    }

    /// The codes are compared exactly: the sink's Float → Int16 → code steps run on the very samples it passed on,
    /// so direct encoding with the scalar reference kernels must give the same bytes.
    @Test("sine 16 kHz → resampler 16 → 8 kHz → G.711 sink gives the codes of directly encoding the resampled signal")
    func synthResampleEncode() throws {
        let codeRing = BlockRingBuffer<UInt8>(minimumBlockCapacity: 64, blockSampleCount: 80)
        let sink = G711EncoderSink(ring: codeRing, law: .aLaw)
        let drops = sink.droppedBlocks
        let graph = try AudioGraph(
            format: .wideband, block: .graph,
            nodes: [SineSource(frequency: 440, amplitude: 0.5), ResamplerNode(outputSampleRate: 8000), sink])
        #expect(graph.outputFormat == .narrowband)

        let blockCount = 50
        var passed = [Float](repeating: .nan, count: blockCount * 80)
        passed.withUnsafeMutableBufferPointer { passed in
            for block in 0..<blockCount {
                graph.render(
                    input: nil, output: UnsafeMutableBufferPointer(rebasing: passed[(block * 80)..<((block + 1) * 80)]))
            }
        }
        var codes = [UInt8](repeating: 0, count: blockCount * 80)
        #expect(codes.withUnsafeMutableBufferPointer { codeRing.tryRead(blocksInto: $0) } == blockCount)
        #expect(drops.value == 0)

        var integers = [Int16](repeating: 0, count: passed.count)
        passed.withUnsafeBufferPointer { passed in
            integers.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(passed, to: $0) }
        }
        var expected = [UInt8](repeating: 0, count: passed.count)
        _ = integers.withUnsafeBufferPointer { integers in
            expected.withUnsafeMutableBufferPointer { G711.encode(integers, law: .aLaw, into: $0, kernel: .reference) }
        }
        #expect(codes == expected)

        // What was passed on is the 440 Hz sine at 8 kHz, once the filter has started.
        let fit = SineFit(passed.suffix(2000), frequency: 440, sampleRate: 8000)
        #expect(fit.snr > 40, "SNR \(fit.snr) dB")
        #expect(abs(fit.amplitude - 0.5) < 0.01, "amplitude \(fit.amplitude)")
    }

    @Test("an empty code ring plays counted silence; a full one drops counted blocks while audio flows on")
    func underrunsAndDrops() throws {
        let inRing = BlockRingBuffer<UInt8>(minimumBlockCapacity: 1, blockSampleCount: 80)
        let outRing = BlockRingBuffer<UInt8>(minimumBlockCapacity: 1, blockSampleCount: 80)
        let source = G711DecoderSource(ring: inRing, law: .muLaw)
        let sink = G711EncoderSink(ring: outRing, law: .muLaw)
        let sourceUnderruns = source.underruns
        let sinkDrops = sink.droppedBlocks
        let graph = try AudioGraph(format: .narrowband, block: .graph, nodes: [source, sink])

        // µ-law 0x9F decodes to -1884 (about -0.0575).
        #expect([UInt8](repeating: 0x9F, count: 80).withUnsafeBufferPointer { inRing.tryWrite(blocks: $0) } == 1)
        var output = [Float](repeating: .nan, count: 80)
        output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
        #expect(output == [Float](repeating: Float(G711.decode(0x9F, law: .muLaw)) / 32768, count: 80))
        #expect(sourceUnderruns.value == 0)

        for _ in 0..<3 {
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            #expect(output == [Float](repeating: 0, count: 80))
        }
        #expect(sourceUnderruns.value == 3)
        // The out ring holds one block: the first; the other three were dropped.
        #expect(sinkDrops.value == 3)
        var codes = [UInt8](repeating: 0, count: 80)
        #expect(codes.withUnsafeMutableBufferPointer { outRing.tryRead(blocksInto: $0) } == 1)
        #expect(codes == [UInt8](repeating: 0x9F, count: 80))
    }

    @Test("a G.711 decoder asked for 16 kHz without a resampler is refused, saying it takes 8 kHz mono")
    func refusesWideband() throws {
        let ring = BlockRingBuffer<UInt8>(minimumBlockCapacity: 2, blockSampleCount: 160)
        #expect {
            try AudioGraph(format: .wideband, block: .graph, nodes: [G711DecoderSource(ring: ring, law: .muLaw)])
        } throws: { error in
            guard case .unsupportedFormat("G711DecoderSource", .wideband, 160, _) = error as? AudioGraphError
            else { return false }
            let message = "\(error)"
            return message.contains("G711DecoderSource cannot run at 16000 Hz") && message.contains("8000 Hz mono")
                && message.contains("ResamplerNode")
        }
        #expect {
            try AudioGraph(
                format: .wideband, block: .graph,
                nodes: [SineSource(frequency: 440, amplitude: 0.5), G711EncoderSink(ring: ring, law: .aLaw)])
        } throws: { error in
            guard case .unsupportedFormat("G711EncoderSink", .wideband, 160, _) = error as? AudioGraphError
            else { return false }
            return "\(error)".contains("8000 Hz mono")
        }
    }

    @Test("a code ring whose block is not one graph block is refused")
    func refusesRingSize() {
        let ring = BlockRingBuffer<UInt8>(minimumBlockCapacity: 2, blockSampleCount: 160)
        #expect(
            throws: AudioGraphError.blockSizeMismatch(
                node: "G711DecoderSource", graphSampleCount: 80, nodeSampleCount: 160)
        ) {
            try AudioGraph(format: .narrowband, block: .graph, nodes: [G711DecoderSource(ring: ring, law: .muLaw)])
        }
    }
}
