import AudioCore
import Foundation
import Testing

@testable import Codecs

/// Every refusal is a typed error whose message names the value and what is accepted; nothing crashes.
@Suite("Opus refusals")
struct OpusErrorTests {
    @Test("impossible sample rates are refused by name", arguments: [0, 44100, -8000, 96000, 22050])
    func sampleRates(sampleRate: Int) {
        #expect(throws: OpusError.unsupportedSampleRate(sampleRate)) {
            try OpusEncoder(configuration: .init(sampleRate: sampleRate))
        }
        #expect(throws: OpusError.unsupportedSampleRate(sampleRate)) { try OpusDecoder(sampleRate: sampleRate) }
        let message = OpusError.unsupportedSampleRate(sampleRate).description
        #expect(message.contains("\(sampleRate) Hz") && message.contains("16000"))
    }

    @Test("channel counts other than 1 and 2 are refused", arguments: [0, 3, -1, 8])
    func channelCounts(channelCount: Int) {
        #expect(throws: OpusError.unsupportedChannelCount(channelCount)) {
            try OpusEncoder(configuration: .init(channelCount: channelCount))
        }
        #expect(throws: OpusError.unsupportedChannelCount(channelCount)) {
            try OpusDecoder(sampleRate: 16000, channelCount: channelCount)
        }
        #expect(OpusError.unsupportedChannelCount(channelCount).description.contains("channel count \(channelCount)"))
    }

    @Test("out-of-range settings are refused at init and by the setters, leaving the old value")
    func settings() throws {
        #expect(throws: OpusError.complexityOutOfRange(11)) { try OpusEncoder(configuration: .init(complexity: 11)) }
        #expect(throws: OpusError.bitrateOutOfRange(100)) { try OpusEncoder(configuration: .init(bitrate: 100)) }
        #expect(throws: OpusError.packetLossPercentageOutOfRange(101)) {
            try OpusEncoder(configuration: .init(expectedPacketLossPercentage: 101))
        }

        let encoder = try OpusEncoder(configuration: .init(complexity: 3, bitrate: 20000))
        #expect(throws: OpusError.complexityOutOfRange(-1)) { try encoder.setComplexity(-1) }
        #expect(throws: OpusError.bitrateOutOfRange(1_000_000)) { try encoder.setBitrate(1_000_000) }
        #expect(throws: OpusError.packetLossPercentageOutOfRange(-5)) {
            try encoder.setForwardErrorCorrection(isEnabled: true, expectedPacketLossPercentage: -5)
        }
        #expect(encoder.configuration.complexity == 3)
        #expect(encoder.configuration.bitrate == 20000)

        try encoder.setComplexity(10)
        try encoder.setBitrate(32000)
        try encoder.setForwardErrorCorrection(isEnabled: true, expectedPacketLossPercentage: 10)
        #expect(encoder.configuration.complexity == 10 && encoder.configuration.bitrate == 32000)
        #expect(encoder.configuration.isForwardErrorCorrectionEnabled)
        #expect(OpusError.bitrateOutOfRange(100).description.contains("6000 to 510000"))
    }

    @Test("the encoder refuses a block of the wrong length and an empty packet buffer")
    func encoderBuffers() throws {
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000))
        let short = [Int16](repeating: 0, count: 319)
        let block = [Int16](repeating: 0, count: 320)
        var packet = [UInt8](repeating: 0, count: 4000)
        var empty: [UInt8] = []

        let wrongLength = short.withUnsafeBufferPointer { pcm in
            packet.withUnsafeMutableBufferPointer { encoder.encode(pcm, into: $0) }
        }
        #expect(wrongLength == .failure(.wrongSampleCount(319, expected: 320)))
        #expect(OpusCodingError.wrongSampleCount(319, expected: 320).description.contains("exactly 320 samples"))

        let noRoom = block.withUnsafeBufferPointer { pcm in
            empty.withUnsafeMutableBufferPointer { encoder.encode(pcm, into: $0) }
        }
        #expect(noRoom == .failure(.library(.bufferTooSmall)))
    }

    static func decode(_ packet: [UInt8], frameCapacity: Int = 1920) throws -> Result<Int, OpusCodingError> {
        let decoder = try OpusDecoder(sampleRate: 16000)
        var pcm = [Int16](repeating: 0, count: frameCapacity)
        return packet.withUnsafeBufferPointer { bytes in
            pcm.withUnsafeMutableBufferPointer { decoder.decode(bytes, into: $0) }
        }
    }

    @Test("a corrupt packet is refused with libopus's code and message")
    func corruptPacket() throws {
        // Code 3 with 63 frames of 20 ms claims 1.26 s, far over the 120 ms a packet may hold (RFC 6716, 3.2.5).
        #expect(try Self.decode([0x0B, 0x3F]) == .failure(.library(.invalidPacket)))
        // Code 3 with no frames at all: libopus calls the length an invalid argument.
        #expect(try Self.decode([0x03, 0x00]) == .failure(.library(.badArgument)))
        #expect(OpusLibraryError.invalidPacket.rawValue == -4)
        #expect(OpusLibraryError.invalidPacket.message == "corrupted stream")
        #expect(OpusCodingError.library(.invalidPacket).description == "libopus error -4: corrupted stream")
    }

    @Test("oversized frames and packets are refused by size")
    func oversizedPackets() throws {
        let oneFrame = [UInt8](repeating: 0x55, count: 1 + 1300).replacingFirst(with: 0x08)
        #expect(try Self.decode(oneFrame) == .failure(.frameTooLarge(byteCount: 1300)))

        let twoFrames = [UInt8](repeating: 0x55, count: 1 + 2 * 1280).replacingFirst(with: 0x09)
        #expect(try Self.decode(twoFrames) == .failure(.frameTooLarge(byteCount: 1280)))

        let huge = [UInt8](repeating: 0x55, count: OpusDecoder.maximumPacketByteCount + 1).replacingFirst(with: 0x0B)
        #expect(try Self.decode(huge) == .failure(.packetTooLarge(byteCount: OpusDecoder.maximumPacketByteCount + 1)))
        #expect(OpusCodingError.frameTooLarge(byteCount: 1300).description.contains("1300 bytes"))
    }

    @Test("a packet longer than the output buffer is refused, not truncated")
    func outputTooSmall() throws {
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000, frameDuration: .milliseconds60))
        let packets = try OpusStream.encode([Int16](repeating: 0, count: 960), with: encoder)
        let result = try Self.decode(packets[0], frameCapacity: 320)
        #expect(result == .failure(.outputTooSmall(packetFrameCount: 960, capacity: 320)))
        #expect(OpusCodingError.outputTooSmall(packetFrameCount: 960, capacity: 320).description.contains("960 frames"))

        let decoder = try OpusDecoder(sampleRate: 16000)
        var tiny = [Int16](repeating: 0, count: 100)
        let concealed = tiny.withUnsafeMutableBufferPointer { decoder.decode(nil, into: $0) }
        #expect(concealed == .failure(.outputTooSmall(packetFrameCount: 320, capacity: 100)))
    }

    @Test("random bytes never crash the decoder and never overrun the buffer")
    func randomGarbage() throws {
        var generator = SeededRandomNumberGenerator(seed: 6716)
        let decoder = try OpusDecoder(sampleRate: 16000)
        var pcm = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount)
        var decodedCount = 0
        var refusedCount = 0
        for _ in 0..<2000 {
            let byteCount = Int.random(in: 1...1500, using: &generator)
            let packet = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = packet.withUnsafeBufferPointer { bytes in
                pcm.withUnsafeMutableBufferPointer { decoder.decode(bytes, into: $0) }
            }
            switch result {
            case .success(let frameCount):
                #expect(frameCount <= decoder.maximumPacketFrameCount)
                decodedCount += 1
            case .failure: refusedCount += 1
            }
        }
        #expect(decodedCount + refusedCount == 2000)
        #expect(refusedCount > 0)
    }
}

extension Array where Element == UInt8 {
    /// A copy with the first byte (an Opus table-of-contents byte in these tests) replaced.
    fileprivate func replacingFirst(with byte: UInt8) -> [UInt8] {
        var copy = self
        copy[0] = byte
        return copy
    }
}
