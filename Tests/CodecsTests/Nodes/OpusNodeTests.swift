import AudioCore
import Foundation
import Testing

@testable import Codecs

/// Opus as graph stages: speech encoded by a sink graph, carried through packet rings with one packet marked
/// lost, and played by a source graph.
@Suite("Opus nodes")
struct OpusNodeTests {
    static let file = "cmu_arctic_us_aew_a0001.wav"
    static let configuration = OpusEncoder.Configuration(
        sampleRate: 16000, bitrate: 32000, isForwardErrorCorrectionEnabled: true, expectedPacketLossPercentage: 20)

    /// Encodes `samples` by rendering 20 ms blocks through a graph ending in an `OpusEncoderSink`.
    static func encodeThroughGraph(_ samples: [Int16]) throws -> (packets: [[UInt8]], lookahead: Int) {
        let ring = OpusPacketRing(minimumPacketCapacity: 512)
        let sink = OpusEncoderSink(ring: ring, configuration: Self.configuration)
        let counters = sink.counters
        let graph = try AudioGraph(format: .wideband, block: .codec, nodes: [sink])
        let lookahead = try OpusEncoder(configuration: Self.configuration).lookaheadFrameCount
        #expect(graph.frameCount == 320)

        var block = [Float](repeating: 0, count: 320)
        var passed = [Float](repeating: .nan, count: 320)
        for start in stride(from: 0, to: samples.count - 319, by: 320) {
            samples[start..<(start + 320)].withContiguousStorageIfAvailable { samples in
                block.withUnsafeMutableBufferPointer { SampleConversion.convert(samples, to: $0) }
            }
            block.withUnsafeBufferPointer { block in
                passed.withUnsafeMutableBufferPointer { graph.render(input: block, output: $0) }
            }
            #expect(passed == block)
        }
        #expect(counters.droppedPacketCount == 0)
        #expect(counters.failedPacketCount == 0)

        var packets: [[UInt8]] = []
        while let packet = OpusPacketRingTests.read(from: ring) {
            packets.append(packet)
        }
        return (packets, lookahead)
    }

    /// Plays `packets` through a graph starting with an `OpusDecoderSource`, marking packet `lost` as lost. The
    /// network side keeps one packet ahead of the graph, as a jitter buffer would, so the next packet is in the
    /// ring when a lost one is due.
    static func decodeThroughGraph(
        _ packets: [[UInt8]], lost: Int?, usesForwardErrorCorrection: Bool
    ) throws -> (output: [Float], counters: OpusDecoderSource.Counters) {
        let ring = OpusPacketRing(minimumPacketCapacity: 4)
        let source = OpusDecoderSource(ring: ring, usesForwardErrorCorrection: usesForwardErrorCorrection)
        let counters = source.counters
        let graph = try AudioGraph(format: .wideband, block: .codec, nodes: [source])

        func send(_ index: Int) {
            guard index < packets.count else { return }
            if index == lost {
                #expect(ring.tryWriteLostPacket())
            } else {
                #expect(OpusPacketRingTests.write(packets[index], to: ring) == .written)
            }
        }
        send(0)
        var output: [Float] = []
        var block = [Float](repeating: .nan, count: 320)
        for index in packets.indices {
            send(index + 1)
            block.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            output += block
        }
        return (output, counters)
    }

    static func integers(_ floats: [Float]) -> [Int16] {
        var integers = [Int16](repeating: 0, count: floats.count)
        floats.withUnsafeBufferPointer { floats in
            integers.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(floats, to: $0) }
        }
        return integers
    }

    /// Thresholds as in `OpusCodecTests`: 4 dB waveform SNR for the whole round trip (measured here 7.1 dB with
    /// the lost packet rebuilt by FEC, 6.4 dB with it concealed), and on the lost block FEC must beat concealment
    /// (measured 9.9 dB against -0.2 dB).
    @Test("an Opus graph round trip of speech with one lost packet keeps every block, counts the loss, and FEC wins")
    func roundTripWithLoss() throws {
        let wav = try OpusCodecTests.arctic(Self.file)
        let (packets, lookahead) = try Self.encodeThroughGraph(wav.samples)
        #expect(packets.count == wav.samples.count / 320)

        // Without loss the graph's output is exactly what direct decoding gives.
        let (clean, cleanCounters) = try Self.decodeThroughGraph(packets, lost: nil, usesForwardErrorCorrection: true)
        let direct = try OpusStream.decodeAll(packets, with: try OpusDecoder(sampleRate: 16000))
        #expect(Self.integers(clean) == direct)
        #expect(cleanCounters.decodedPacketCount == packets.count)

        let lost = OpusCodecTests.loudestBlock(wav.samples, blockFrameCount: 320)
        let (recovered, fecCounters) = try Self.decodeThroughGraph(
            packets, lost: lost, usesForwardErrorCorrection: true)
        let (concealed, plcCounters) = try Self.decodeThroughGraph(
            packets, lost: lost, usesForwardErrorCorrection: false)

        for (output, counters) in [(recovered, fecCounters), (concealed, plcCounters)] {
            #expect(output.count == packets.count * 320)
            #expect(output.allSatisfy { $0.isFinite })
            #expect(counters.lostPacketCount == 1)
            #expect(counters.decodedPacketCount == packets.count - 1)
            #expect(counters.missingPacketCount == 0)
            #expect(counters.undecodablePacketCount == 0)
            let snr = Signal.snr(original: wav.samples[...], decoded: Self.integers(output)[...], delay: lookahead)
            #expect(snr >= OpusCodecTests.thresholdDecibels, "SNR \(snr) dB")
        }
        #expect(fecCounters.recoveredPacketCount == 1)
        #expect(fecCounters.concealedPacketCount == 0)
        #expect(plcCounters.recoveredPacketCount == 0)
        #expect(plcCounters.concealedPacketCount == 1)

        let start = lost * 320 - lookahead
        let original = wav.samples[start..<(start + 320)]
        let fec = Signal.snr(original: original, decoded: Self.integers(recovered)[(lost * 320)...], delay: 0)
        let plc = Signal.snr(original: original, decoded: Self.integers(concealed)[(lost * 320)...], delay: 0)
        #expect(fec > plc, "lost block: FEC \(fec) dB, concealment \(plc) dB")
    }

    @Test("an empty ring, a garbage packet and a packet of the wrong duration are concealed and counted")
    func missingAndUndecodable() throws {
        let ring = OpusPacketRing(minimumPacketCapacity: 4)
        let source = OpusDecoderSource(ring: ring)
        let counters = source.counters
        let graph = try AudioGraph(format: .wideband, block: .codec, nodes: [source])
        var block = [Float](repeating: .nan, count: 320)

        block.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
        #expect(counters.missingPacketCount == 1)
        #expect(counters.concealedPacketCount == 1)
        #expect(block.allSatisfy { $0.isFinite })

        let tenMilliseconds = try OpusStream.encode(
            [Int16](repeating: 0, count: 160),
            with: OpusEncoder(configuration: .init(sampleRate: 16000, frameDuration: .milliseconds10)))[0]
        #expect(OpusPacketRingTests.write([0xFF, 0xFF, 0x01], to: ring) == .written)
        #expect(OpusPacketRingTests.write(tenMilliseconds, to: ring) == .written)
        for _ in 0..<2 {
            block = [Float](repeating: .nan, count: 320)
            block.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            #expect(block.allSatisfy { $0.isFinite })
        }
        #expect(counters.undecodablePacketCount == 2)
        #expect(counters.concealedPacketCount == 3)
        #expect(counters.decodedPacketCount == 0)
    }

    @Test("a full packet ring drops counted packets while audio flows on")
    func encoderDrops() throws {
        let ring = OpusPacketRing(minimumPacketCapacity: 1)
        let sink = OpusEncoderSink(ring: ring)
        let counters = sink.counters
        let graph = try AudioGraph(format: .wideband, block: .codec, nodes: [sink])
        let input = (0..<320).map { Float(0.3 * sin(2 * Double.pi * 440 * Double($0) / 16000)) }
        var output = [Float](repeating: .nan, count: 320)
        for _ in 0..<3 {
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { graph.render(input: input, output: $0) }
            }
            #expect(output == input)
        }
        #expect(ring.packetCount == 1)
        #expect(counters.droppedPacketCount == 2)
        #expect(counters.failedPacketCount == 0)
    }

    @Test("Opus nodes refuse blocks that are not one 20 ms packet and rates Opus does not run at")
    func refusals() throws {
        let ring = OpusPacketRing(minimumPacketCapacity: 2)
        #expect {
            try AudioGraph(format: .wideband, block: .graph, nodes: [OpusDecoderSource(ring: ring)])
        } throws: { error in
            guard case .unsupportedFormat("OpusDecoderSource", .wideband, 160, _) = error as? AudioGraphError
            else { return false }
            let message = "\(error)"
            return message.contains("OpusDecoderSource cannot run at 16000 Hz") && message.contains("20 ms")
        }
        let cdRate = try AudioFormat(sampleRate: 44100, channelCount: 1)
        #expect {
            try AudioGraph(format: cdRate, block: .codec, nodes: [OpusEncoderSink(ring: ring)])
        } throws: { error in
            guard case .unsupportedFormat("OpusEncoderSink", cdRate, 882, _) = error as? AudioGraphError
            else { return false }
            return "\(error)".contains("8000, 12000, 16000, 24000 or 48000 Hz")
        }
    }

    @Test("a 48 kHz Opus call can be resampled to 16 kHz in the same graph")
    func decodeThenResample() throws {
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 48000, bitrate: 32000))
        let tone = (0..<(960 * 10)).map { Int16(8000 * sin(2 * Double.pi * 440 * Double($0) / 48000)) }
        let packets = try OpusStream.encode(tone, with: encoder)
        let ring = OpusPacketRing(minimumPacketCapacity: 16)
        for packet in packets {
            #expect(OpusPacketRingTests.write(packet, to: ring) == .written)
        }
        let graph = try AudioGraph(
            format: .fullband, block: .codec,
            nodes: [OpusDecoderSource(ring: ring), ResamplerNode(outputSampleRate: 16000)])
        #expect(graph.outputFrameCount == 320)
        var output = [Float](repeating: .nan, count: 320)
        var all: [Float] = []
        for _ in packets {
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            all += output
        }
        let fit = SineFit(all.suffix(1600), frequency: 440, sampleRate: 16000)
        #expect(fit.snr > 15, "SNR \(fit.snr) dB")
    }
}
