/// An Opus decoder: packets to 16-bit PCM, with concealment and in-band FEC recovery for lost packets.
///
/// All allocation happens in `init`; the decode methods write into the caller's buffer and report failure as a
/// value. Give every call an output buffer of `maximumPacketFrameCount × channelCount` samples (120 ms) unless the
/// packet duration is known; a packet longer than the buffer is refused with `.outputTooSmall`, never truncated.
///
/// ```swift
/// let decoder = try OpusDecoder(sampleRate: 16000)
/// let result = decoder.decode(packet, into: pcm)      // a received packet
/// let concealed = decoder.decode(nil, into: pcm)      // a lost one, concealed
/// ```
///
/// `@unchecked Sendable`: the decoder has one owner at a time. Make it on the control thread and hand it to the
/// audio thread; libopus state is not shared, so moving it is safe, but two threads must never call it at once.
public final class OpusDecoder: @unchecked Sendable {
    /// The longest audio one Opus packet can carry.
    public static let maximumPacketDurationMilliseconds = 120

    /// The largest packet the decoder takes: 120 ms as 48 frames of 2.5 ms, 1275 bytes each, behind a code-3 header
    /// (table of contents, frame count and 47 two-byte lengths). Longer input is refused without reaching libopus.
    public static let maximumPacketByteCount = 2 + 47 * 2 + 48 * 1275

    /// The largest frame Opus allows (RFC 6716, section 3.2.1).
    public static let maximumFrameByteCount = 1275

    /// 8000, 12000, 16000, 24000 or 48000 Hz.
    public let sampleRate: Int

    /// 1 or 2; decoded stereo is interleaved.
    public let channelCount: Int

    /// Frames per channel in the longest packet (120 ms) at this sample rate.
    public var maximumPacketFrameCount: Int { self.sampleRate / 1000 * Self.maximumPacketDurationMilliseconds }

    /// Frames a lost packet stands for: the duration of the last packet decoded, 20 ms before the first one.
    public private(set) var lostPacketFrameCount: Int

    private let state: OpaquePointer

    /// Makes a decoder.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusError` naming the rejected sample rate or channel count, or the libopus call that failed.
    public init(sampleRate: Int, channelCount: Int = 1) throws(OpusError) {
        guard OpusError.supportedSampleRates.contains(sampleRate) else { throw .unsupportedSampleRate(sampleRate) }
        guard channelCount == 1 || channelCount == 2 else { throw .unsupportedChannelCount(channelCount) }

        switch OpusLibrary.makeDecoder(sampleRate: Int32(sampleRate), channelCount: Int32(channelCount)) {
        case .success(let state): self.state = state
        case .failure(let error): throw .library(error, function: "opus_decoder_create")
        }
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.lostPacketFrameCount = OpusFrameDuration.milliseconds20.frameCount(sampleRate: sampleRate)
    }

    deinit {
        OpusLibrary.destroyDecoder(self.state)
    }

    /// Decodes one packet, or conceals a lost one.
    ///
    /// A `nil` or empty packet means the packet was lost: the decoder then synthesizes `lostPacketFrameCount` frames
    /// from its history (packet-loss concealment). If the next packet has arrived, `recoverLostPacket(from:into:)`
    /// usually does better.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - packet: One Opus packet, or `nil` for a lost one.
    ///   - pcm: Receives the decoded frames, interleaved when stereo.
    /// - Returns: The number of frames per channel written to `pcm`, or why none were.
    public func decode(
        _ packet: UnsafeBufferPointer<UInt8>?, into pcm: UnsafeMutableBufferPointer<Int16>
    ) -> Result<Int, OpusCodingError> {
        guard let packet, !packet.isEmpty else {
            return self.conceal(into: pcm)
        }
        return self.decode(packet, into: pcm, isRedundancy: false)
    }

    /// Reconstructs a lost packet from the forward-error-correction data in the packet after it.
    ///
    /// Call it with the packet that follows the lost one, then decode that same packet normally with
    /// `decode(_:into:)`. When `nextPacket` carries no FEC data, libopus conceals the loss instead. Either way
    /// `lostPacketFrameCount` frames are written.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - nextPacket: The packet received after the lost one.
    ///   - pcm: Receives the reconstructed frames.
    /// - Returns: The number of frames per channel written to `pcm`, or why none were.
    public func recoverLostPacket(
        from nextPacket: UnsafeBufferPointer<UInt8>, into pcm: UnsafeMutableBufferPointer<Int16>
    ) -> Result<Int, OpusCodingError> {
        guard !nextPacket.isEmpty else {
            return self.conceal(into: pcm)
        }
        return self.decode(nextPacket, into: pcm, isRedundancy: true)
    }

    /// Forgets all history, as if the decoder were new. Call it when a new stream starts.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        _ = OpusLibrary.resetDecoder(self.state)
        self.lostPacketFrameCount = OpusFrameDuration.milliseconds20.frameCount(sampleRate: self.sampleRate)
    }

    /// The frame count `packet` decodes to at this decoder's rate, after the checks `decode` makes.
    ///
    /// Real-time safe: no locks, no allocation.
    public func frameCount(of packet: UnsafeBufferPointer<UInt8>) -> Result<Int, OpusCodingError> {
        guard let bytes = packet.baseAddress, !packet.isEmpty else { return .failure(.library(.invalidPacket)) }
        guard packet.count <= Self.maximumPacketByteCount else {
            return .failure(.packetTooLarge(byteCount: packet.count))
        }

        // Codes 0 and 1 (one frame, or two of equal size) have implicit frame lengths; libopus calls an oversized
        // one just "corrupted stream", so name it here. Codes 2 and 3 carry explicit lengths that libopus checks.
        let frameByteCount =
            switch packet[0] & 0x3 {
            case 0: packet.count - 1
            case 1: (packet.count - 1) / 2
            default: 0
            }
        guard frameByteCount <= Self.maximumFrameByteCount else {
            return .failure(.frameTooLarge(byteCount: frameByteCount))
        }

        let frameCount = OpusLibrary.packetFrameCount(
            bytes, byteCount: Int32(packet.count), sampleRate: Int32(self.sampleRate))
        guard frameCount >= 0 else { return .failure(.library(OpusLibraryError(rawValue: frameCount))) }
        guard frameCount <= self.maximumPacketFrameCount else { return .failure(.library(.invalidPacket)) }
        return .success(Int(frameCount))
    }

    private func decode(
        _ packet: UnsafeBufferPointer<UInt8>, into pcm: UnsafeMutableBufferPointer<Int16>, isRedundancy: Bool
    ) -> Result<Int, OpusCodingError> {
        let packetFrameCount: Int
        switch self.frameCount(of: packet) {
        case .success(let frameCount): packetFrameCount = frameCount
        case .failure(let error): return .failure(error)
        }

        // With FEC the output is the lost packet, assumed as long as the last one; otherwise it is this packet.
        let outputFrameCount = isRedundancy ? self.lostPacketFrameCount : packetFrameCount
        let capacity = pcm.count / self.channelCount
        guard outputFrameCount <= capacity, let samples = pcm.baseAddress else {
            return .failure(.outputTooSmall(packetFrameCount: outputFrameCount, capacity: capacity))
        }

        let status = OpusLibrary.decode(
            self.state, packet.baseAddress, byteCount: Int32(packet.count), into: samples,
            frameCount: Int32(outputFrameCount), isRedundancy: isRedundancy)
        guard status >= 0 else { return .failure(.library(OpusLibraryError(rawValue: status))) }
        if !isRedundancy {
            self.lostPacketFrameCount = Int(status)
        }
        return .success(Int(status))
    }

    private func conceal(into pcm: UnsafeMutableBufferPointer<Int16>) -> Result<Int, OpusCodingError> {
        let capacity = pcm.count / self.channelCount
        guard self.lostPacketFrameCount <= capacity, let samples = pcm.baseAddress else {
            return .failure(.outputTooSmall(packetFrameCount: self.lostPacketFrameCount, capacity: capacity))
        }

        let status = OpusLibrary.decode(
            self.state, nil, byteCount: 0, into: samples, frameCount: Int32(self.lostPacketFrameCount),
            isRedundancy: false)
        return status >= 0 ? .success(Int(status)) : .failure(.library(OpusLibraryError(rawValue: status)))
    }
}
