import Codecs

/// Helpers that run whole signals through an Opus encoder and decoder, packet by packet.
enum OpusStream {
    /// Encodes `samples` in packets of `encoder.packetFrameCount` frames, zero-padding the last block.
    static func encode(_ samples: [Int16], with encoder: OpusEncoder) throws -> [[UInt8]] {
        let blockSampleCount = encoder.packetFrameCount * encoder.configuration.channelCount
        var packets: [[UInt8]] = []
        var block = [Int16](repeating: 0, count: blockSampleCount)
        var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
        for start in stride(from: 0, to: samples.count, by: blockSampleCount) {
            let end = min(start + blockSampleCount, samples.count)
            block.replaceSubrange(0..<(end - start), with: samples[start..<end])
            block.replaceSubrange(
                (end - start)..<blockSampleCount, with: repeatElement(0, count: blockSampleCount - (end - start)))
            let result = block.withUnsafeBufferPointer { pcm in
                packet.withUnsafeMutableBufferPointer { encoder.encode(pcm, into: $0) }
            }
            let byteCount = try result.get()
            packets.append(Array(packet[0..<byteCount]))
        }
        return packets
    }

    /// Decodes one packet (or conceals it when `nil`) into a fresh array of the frames produced.
    static func decode(_ packet: [UInt8]?, with decoder: OpusDecoder) throws -> [Int16] {
        var pcm = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount * decoder.channelCount)
        let result = pcm.withUnsafeMutableBufferPointer { output in
            guard let packet else { return decoder.decode(nil, into: output) }
            return packet.withUnsafeBufferPointer { decoder.decode($0, into: output) }
        }
        return Array(pcm[0..<(try result.get() * decoder.channelCount)])
    }

    /// Reconstructs the packet before `nextPacket` from its FEC data.
    static func recover(from nextPacket: [UInt8], with decoder: OpusDecoder) throws -> [Int16] {
        var pcm = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount * decoder.channelCount)
        let result = pcm.withUnsafeMutableBufferPointer { output in
            nextPacket.withUnsafeBufferPointer { decoder.recoverLostPacket(from: $0, into: output) }
        }
        return Array(pcm[0..<(try result.get() * decoder.channelCount)])
    }

    /// Decodes every packet in order.
    static func decodeAll(_ packets: [[UInt8]], with decoder: OpusDecoder) throws -> [Int16] {
        try packets.flatMap { try decode($0, with: decoder) }
    }
}
