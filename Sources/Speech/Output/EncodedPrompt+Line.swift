import Codecs

extension EncodedPrompt {
    /// `samples` (at `PromptSynthesizer.sampleRate`) encoded as `codec`: a prompt made on demand (a date, a name)
    /// encoded the way the cache encodes the fixed ones.
    ///
    /// Not real-time safe: control thread only; allocates the encoder and the output.
    ///
    /// - Complexity: O(*n*), where *n* is the number of samples.
    /// - Throws: `PromptCacheError.encoding` when the codec's settings are refused.
    public static func encoding(_ samples: [Int16], as codec: PromptCodec) throws(PromptCacheError) -> EncodedPrompt {
        do {
            return try PromptEncoder.encode(samples, as: codec)
        } catch {
            throw .encoding(codec: codec, reason: "\(error)")
        }
    }

    /// The prompt as the far end hears it once decoded, at `PromptSynthesizer.sampleRate`: what a phone line
    /// carries back as the agent's voice (and its echo), for a call simulated end to end.
    ///
    /// Not real-time safe: control thread only; allocates the decoder and the output.
    ///
    /// - Complexity: O(*n*), where *n* is the number of frames.
    /// - Throws: `PromptCacheError.decoding` when a packet cannot be decoded.
    public func decodedSamples() throws(PromptCacheError) -> [Int16] {
        let rateSamples: [Int16]
        switch (self.codec, self.payload) {
        case (.pcm16, .bytes(let bytes)):
            rateSamples = stride(from: 0, to: bytes.count - 1, by: 2).map {
                Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
            }
        case (.g711(let law), .bytes(let codes)):
            var samples = [Int16](repeating: 0, count: codes.count)
            codes.withUnsafeBufferPointer { source in
                samples.withUnsafeMutableBufferPointer { _ = G711.decode(source, law: law, into: $0) }
            }
            rateSamples = samples
        case (.opus(let configuration), .packets(let packets)):
            rateSamples = try Self.decodedOpus(packets, configuration: configuration, frameCount: self.frameCount)
        default:
            throw .decoding(codec: self.codec, reason: "the payload is not of the codec's kind")
        }
        do {
            return try PromptResampling.resample(
                rateSamples, from: self.codec.sampleRate, to: PromptSynthesizer.sampleRate)
        } catch {
            throw .decoding(codec: self.codec, reason: "\(error)")
        }
    }

    /// Opus packets decoded in order, cut to the prompt's `frameCount` (the last packet was padded).
    private static func decodedOpus(
        _ packets: [[UInt8]], configuration: OpusEncoder.Configuration, frameCount: Int
    ) throws(PromptCacheError) -> [Int16] {
        let codec = PromptCodec.opus(configuration)
        let decoder: OpusDecoder
        do {
            decoder = try OpusDecoder(sampleRate: configuration.sampleRate, channelCount: configuration.channelCount)
        } catch {
            throw .decoding(codec: codec, reason: "\(error)")
        }
        var frames = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount * configuration.channelCount)
        var samples: [Int16] = []
        samples.reserveCapacity(frameCount * configuration.channelCount)
        for packet in packets {
            let result = packet.withUnsafeBufferPointer { source in
                frames.withUnsafeMutableBufferPointer { decoder.decode(source, into: $0) }
            }
            switch result {
            case .success(let count): samples.append(contentsOf: frames[..<(count * configuration.channelCount)])
            case .failure(let error): throw .decoding(codec: codec, reason: "\(error)")
            }
        }
        return Array(samples.prefix(frameCount * configuration.channelCount))
    }
}
