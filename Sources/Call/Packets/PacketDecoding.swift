import AudioCore
import Codecs

/// The codec half of `PacketReceiver`: checks a packet's payload, decodes it to 16 kHz, or conceals a packet time.
///
/// G.711 decodes 160 codes at 8 kHz, keeps them for `G711Concealment`, and brings them to 16 kHz (speexdsp quality
/// 5, 2.5 ms of delay); Opus decodes 16 kHz directly and conceals with its decoder's packet-loss concealment. Every
/// packet time gives one packet's frames (320, 20 ms), so playout never drifts.
///
/// Real-time safe after `init`: no locks, no allocation, logging or throwing. The receiver's thread only.
final class PacketDecoding {
    let codec: LineCodec
    private let decoder: OpusDecoder?
    private let upsampler: Resampler?
    private let concealment: G711Concealment?
    private let law: G711.Law

    /// Frames of a G.711 packet: 20 ms at 8 kHz, one code each.
    static let g711FrameCount = VoicePacket.frameCount / 2

    /// Scratch: a packet's 16-bit samples at the codec's rate, and a G.711 packet as floats at 8 kHz.
    private let samples: UnsafeMutableBufferPointer<Int16>
    private let narrow: UnsafeMutableBufferPointer<Float>

    /// Makes the decoder, or the resampler and concealment, for `codec`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `CallError.frontEnd` for a `linear16` line, or a decoder or resampler that cannot be made.
    init(codec: LineCodec) throws(CallError) {
        self.codec = codec
        do {
            switch codec {
            case .pcmu, .pcma:
                self.decoder = nil
                self.upsampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: 16_000)
                self.concealment = G711Concealment(packetFrameCount: Self.g711FrameCount)
            case .opus:
                self.decoder = try OpusDecoder(sampleRate: LineCodec.opusConfiguration.sampleRate)
                self.upsampler = nil
                self.concealment = nil
            case .linear16:
                throw CallError.frontEnd("a \(codec.rawValue) line carries no packets; use pcmu, pcma or opus")
            }
        } catch let error as CallError {
            throw error
        } catch {
            throw .frontEnd("the \(codec.rawValue) packet receiver cannot be made: \(error)")
        }
        self.law = codec == .pcma ? .aLaw : .muLaw
        self.samples = .allocate(capacity: VoicePacket.frameCount)
        self.samples.initialize(repeating: 0)
        self.narrow = .allocate(capacity: Self.g711FrameCount)
        self.narrow.initialize(repeating: 0)
    }

    deinit {
        self.samples.deallocate()
        self.narrow.deallocate()
    }

    /// Whether the payload can be what the line's sender makes: 160 bytes of G.711, or one Opus packet of 20 ms.
    ///
    /// Looks at the Opus packet's table of contents only; the decoder may still refuse the frames behind it.
    ///
    /// Real-time safe: no locks, no allocation.
    func isWellFormed(_ packet: VoicePacket) -> Bool {
        guard packet.hasValidByteCount else { return false }
        guard let decoder = self.decoder else { return packet.byteCount == Self.g711FrameCount }
        guard packet.byteCount > 0 else { return false }
        return packet.withUnsafePayload { decoder.frameCount(of: $0) } == .success(VoicePacket.frameCount)
    }

    /// Decodes `packet` onto the start of `output` at 16 kHz.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter output: room for at least a packet and a frame (321 frames).
    /// - Returns: the frames written, or `nil` when the payload is damaged (nothing is written, and the caller
    ///   conceals).
    func decode(_ packet: VoicePacket, into output: UnsafeMutableBufferPointer<Float>) -> Int? {
        guard self.isWellFormed(packet) else { return nil }
        if let decoder = self.decoder {
            let decoded = packet.withUnsafePayload { decoder.decode($0, into: self.samples) }
            guard case .success(let frameCount) = decoded, frameCount == VoicePacket.frameCount else { return nil }
            SampleConversion.convert(
                UnsafeBufferPointer(self.samples),
                to: UnsafeMutableBufferPointer(rebasing: output[..<VoicePacket.frameCount]))
            return frameCount
        }

        guard let concealment = self.concealment else { return nil }
        let narrowSamples = UnsafeMutableBufferPointer(rebasing: self.samples[..<Self.g711FrameCount])
        _ = packet.withUnsafePayload { G711.decode($0, law: self.law, into: narrowSamples) }
        SampleConversion.convert(UnsafeBufferPointer(narrowSamples), to: self.narrow)
        concealment.remember(UnsafeBufferPointer(self.narrow))
        return self.upsample(into: output)
    }

    /// Writes what stands in for a lost packet onto the start of `output` at 16 kHz: always a packet's frames.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter output: room for at least a packet and a frame (321 frames).
    /// - Returns: the frames written, above zero.
    func conceal(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        if let decoder = self.decoder {
            if case .success(let frameCount) = decoder.decode(nil, into: self.samples), frameCount > 0 {
                SampleConversion.convert(
                    UnsafeBufferPointer(rebasing: self.samples[..<frameCount]),
                    to: UnsafeMutableBufferPointer(rebasing: output[..<frameCount]))
                return frameCount
            }
            // The concealment itself failed (never seen): a packet of silence keeps the playout in step.
            UnsafeMutableBufferPointer(rebasing: output[..<VoicePacket.frameCount]).update(repeating: 0)
            return VoicePacket.frameCount
        }

        self.concealment?.conceal(into: self.narrow)
        return self.upsample(into: output)
    }

    /// Brings `narrow` (a G.711 packet at 8 kHz) to 16 kHz onto the start of `output`.
    private func upsample(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        let produced =
            self.upsampler?.process(UnsafeBufferPointer(self.narrow), into: output).producedFrameCount ?? 0
        guard produced > 0 else {
            UnsafeMutableBufferPointer(rebasing: output[..<VoicePacket.frameCount]).update(repeating: 0)
            return VoicePacket.frameCount
        }
        return produced
    }
}
