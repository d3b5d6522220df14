import Codecs

/// Encodes a whole synthesized prompt for one codec.
///
/// Not real-time safe: control thread only; allocates resamplers, encoders and the output. This is the offline
/// counterpart of the graph's encoder sinks: it runs once per cached prompt, not per block.
enum PromptEncoder {
    /// What could go wrong while encoding.
    enum Failure: Error {
        case resampler(ResamplerError)
        case opus(OpusError)
        case opusCoding(OpusCodingError)
    }

    /// `samples` (at `PromptSynthesizer.sampleRate`) encoded as `codec`.
    ///
    /// - Complexity: O(*n*), where *n* is the number of samples.
    static func encode(_ samples: [Int16], as codec: PromptCodec) throws(Failure) -> EncodedPrompt {
        let rateSamples: [Int16]
        do {
            rateSamples = try PromptResampling.resample(
                samples, from: PromptSynthesizer.sampleRate, to: codec.sampleRate)
        } catch {
            throw .resampler(error)
        }

        let payload: EncodedPrompt.Payload
        switch codec {
        case .pcm16:
            payload = .bytes(
                rateSamples.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
        case .g711(let law):
            var codes = [UInt8](repeating: 0, count: rateSamples.count)
            rateSamples.withUnsafeBufferPointer { source in
                codes.withUnsafeMutableBufferPointer { _ = G711.encode(source, law: law, into: $0) }
            }
            payload = .bytes(codes)
        case .opus(let configuration):
            payload = .packets(try self.opusPackets(rateSamples, configuration: configuration))
        }
        return EncodedPrompt(codec: codec, frameCount: rateSamples.count, payload: payload)
    }

    /// Mono `samples` cut into packets; the last block is padded with silence.
    private static func opusPackets(_ samples: [Int16], configuration: OpusEncoder.Configuration)
        throws(Failure) -> [[UInt8]]
    {
        let encoder: OpusEncoder
        do {
            encoder = try OpusEncoder(configuration: configuration)
        } catch {
            throw .opus(error)
        }

        let blockSampleCount = encoder.packetFrameCount * configuration.channelCount
        var block = [Int16](repeating: 0, count: blockSampleCount)
        var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
        var packets: [[UInt8]] = []
        for start in stride(from: 0, to: samples.count, by: blockSampleCount) {
            let end = min(start + blockSampleCount, samples.count)
            block.withUnsafeMutableBufferPointer { destination in
                destination.update(repeating: 0)
                _ = destination.update(fromContentsOf: samples[start..<end])
            }

            let result = block.withUnsafeBufferPointer { pcm in
                packet.withUnsafeMutableBufferPointer { encoder.encode(pcm, into: $0) }
            }
            switch result {
            case .success(let byteCount): packets.append(Array(packet[..<byteCount]))
            case .failure(let error): throw .opusCoding(error)
            }
        }
        return packets
    }
}
