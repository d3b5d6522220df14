/// An Opus encoder for speech: one packet per fixed-length block of 16-bit PCM.
///
/// All allocation happens in `init`; `encode` writes into the caller's buffers and reports failure as a value.
/// The encoder runs in libopus's VoIP mode with the voice signal hint.
///
/// ```swift
/// let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000, bitrate: 24000))
/// var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
/// let result = block.withUnsafeBufferPointer { pcm in
///     packet.withUnsafeMutableBufferPointer { encoder.encode(pcm, into: $0) }
/// }
/// ```
///
/// `@unchecked Sendable`: the encoder has one owner at a time. Make and configure it on the control thread, then
/// hand it to the audio thread; libopus state is not shared, so moving it between threads is safe, but two threads
/// must never call it at once.
public final class OpusEncoder: @unchecked Sendable {
    /// What an encoder is made with.
    ///
    /// Real-time safe: no locks, no allocation.
    public struct Configuration: Sendable, Hashable {
        /// 8000, 12000, 16000, 24000 or 48000 Hz.
        public var sampleRate: Int
        /// 1 (mono) or 2 (interleaved stereo).
        public var channelCount: Int
        /// Audio per packet.
        public var frameDuration: OpusFrameDuration
        /// 0 (fastest) ... 10 (best).
        public var complexity: Int
        /// Target bitrate in bits per second, within `OpusEncoder.bitrateRange`.
        public var bitrate: Int
        /// Whether packets carry a low-bitrate copy of the previous packet for loss recovery (in-band FEC). libopus
        /// only adds it when `expectedPacketLossPercentage` is above zero and the bitrate leaves room for it.
        public var isForwardErrorCorrectionEnabled: Bool
        /// The packet loss the encoder should expect, 0 ... 100 percent.
        public var expectedPacketLossPercentage: Int

        public init(
            sampleRate: Int = 16000, channelCount: Int = 1, frameDuration: OpusFrameDuration = .milliseconds20,
            complexity: Int = 5, bitrate: Int = 24000, isForwardErrorCorrectionEnabled: Bool = false,
            expectedPacketLossPercentage: Int = 0
        ) {
            self.sampleRate = sampleRate
            self.channelCount = channelCount
            self.frameDuration = frameDuration
            self.complexity = complexity
            self.bitrate = bitrate
            self.isForwardErrorCorrectionEnabled = isForwardErrorCorrectionEnabled
            self.expectedPacketLossPercentage = expectedPacketLossPercentage
        }
    }

    /// The bitrates Opus accepts, in bits per second.
    public static let bitrateRange = 6000...510_000

    /// The complexities libopus accepts.
    public static let complexityRange = 0...10

    /// A packet buffer this large always holds one packet (libopus's recommendation for `max_data_bytes`).
    public static let recommendedPacketCapacity = 4000

    /// The current settings.
    public private(set) var configuration: Configuration

    /// Frames per channel in one packet; `encode` takes exactly this many frames.
    public let packetFrameCount: Int

    /// The encoder's delay in frames: decoded audio lags the input by this much (`OPUS_GET_LOOKAHEAD`).
    public let lookaheadFrameCount: Int

    private let state: OpaquePointer

    /// Makes an encoder.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusError` naming the rejected setting, or the libopus call that failed.
    public init(configuration: Configuration) throws(OpusError) {
        guard OpusError.supportedSampleRates.contains(configuration.sampleRate) else {
            throw .unsupportedSampleRate(configuration.sampleRate)
        }
        guard configuration.channelCount == 1 || configuration.channelCount == 2 else {
            throw .unsupportedChannelCount(configuration.channelCount)
        }
        try Self.validate(complexity: configuration.complexity)
        try Self.validate(bitrate: configuration.bitrate)
        try Self.validate(packetLossPercentage: configuration.expectedPacketLossPercentage)

        let created = OpusLibrary.makeVoiceEncoder(
            sampleRate: Int32(configuration.sampleRate), channelCount: Int32(configuration.channelCount))
        switch created {
        case .success(let state): self.state = state
        case .failure(let error): throw .library(error, function: "opus_encoder_create")
        }
        self.configuration = configuration
        self.packetFrameCount = configuration.frameDuration.frameCount(sampleRate: configuration.sampleRate)

        switch OpusLibrary.lookahead(self.state) {
        case .success(let frameCount): self.lookaheadFrameCount = Int(frameCount)
        case .failure(let error):
            OpusLibrary.destroyEncoder(self.state)
            throw .library(error, function: "opus_encoder_ctl(OPUS_GET_LOOKAHEAD)")
        }

        // Every stored property is set from here on, so a throw runs `deinit`, which frees the state.
        try Self.check(OpusLibrary.setVoiceSignal(self.state), "opus_encoder_ctl(OPUS_SET_SIGNAL)")
        try self.setComplexity(configuration.complexity)
        try self.setBitrate(configuration.bitrate)
        try self.setForwardErrorCorrection(
            isEnabled: configuration.isForwardErrorCorrectionEnabled,
            expectedPacketLossPercentage: configuration.expectedPacketLossPercentage)
    }

    deinit {
        OpusLibrary.destroyEncoder(self.state)
    }

    /// Sets the speed/quality trade-off, 0 (fastest) ... 10 (best).
    ///
    /// Not real-time safe: control thread only, and never while `encode` may run on another thread.
    ///
    /// - Throws: `OpusError.complexityOutOfRange` or a libopus error.
    public func setComplexity(_ complexity: Int) throws(OpusError) {
        try Self.validate(complexity: complexity)
        try Self.check(
            OpusLibrary.setComplexity(self.state, Int32(complexity)), "opus_encoder_ctl(OPUS_SET_COMPLEXITY)")
        self.configuration.complexity = complexity
    }

    /// Sets the target bitrate in bits per second.
    ///
    /// Not real-time safe: control thread only, and never while `encode` may run on another thread.
    ///
    /// - Throws: `OpusError.bitrateOutOfRange` or a libopus error.
    public func setBitrate(_ bitrate: Int) throws(OpusError) {
        try Self.validate(bitrate: bitrate)
        try Self.check(OpusLibrary.setBitrate(self.state, Int32(bitrate)), "opus_encoder_ctl(OPUS_SET_BITRATE)")
        self.configuration.bitrate = bitrate
    }

    /// Turns in-band forward error correction on or off and says how much packet loss to expect.
    ///
    /// With FEC on and a loss above zero, each packet carries a coarse copy of the one before, which
    /// `OpusDecoder.recoverLostPacket(from:into:)` uses when that one is lost.
    ///
    /// Not real-time safe: control thread only, and never while `encode` may run on another thread.
    ///
    /// - Throws: `OpusError.packetLossPercentageOutOfRange` or a libopus error.
    public func setForwardErrorCorrection(isEnabled: Bool, expectedPacketLossPercentage: Int) throws(OpusError) {
        try Self.validate(packetLossPercentage: expectedPacketLossPercentage)
        try Self.check(
            OpusLibrary.setInbandForwardErrorCorrection(self.state, isEnabled), "opus_encoder_ctl(OPUS_SET_INBAND_FEC)")
        try Self.check(
            OpusLibrary.setPacketLossPercentage(self.state, Int32(expectedPacketLossPercentage)),
            "opus_encoder_ctl(OPUS_SET_PACKET_LOSS_PERC)")
        self.configuration.isForwardErrorCorrectionEnabled = isEnabled
        self.configuration.expectedPacketLossPercentage = expectedPacketLossPercentage
    }

    /// Encodes one block of `packetFrameCount` frames (interleaved when stereo) into one packet.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - pcm: Exactly `packetFrameCount × channelCount` samples.
    ///   - packet: Receives the packet; `recommendedPacketCapacity` bytes always suffice.
    /// - Returns: The packet's byte count, or why nothing was encoded.
    public func encode(
        _ pcm: UnsafeBufferPointer<Int16>, into packet: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<Int, OpusCodingError> {
        let sampleCount = self.packetFrameCount * self.configuration.channelCount
        guard pcm.count == sampleCount, let samples = pcm.baseAddress else {
            return .failure(.wrongSampleCount(pcm.count, expected: sampleCount))
        }
        guard let bytes = packet.baseAddress, !packet.isEmpty else {
            return .failure(.library(.bufferTooSmall))
        }

        let status = OpusLibrary.encode(
            self.state, samples, frameCount: Int32(self.packetFrameCount), into: bytes,
            capacity: Int32(clamping: packet.count))
        return status >= 0 ? .success(Int(status)) : .failure(.library(OpusLibraryError(rawValue: status)))
    }

    /// Forgets all history, as if the encoder were new. Call it when a new stream starts.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        _ = OpusLibrary.resetEncoder(self.state)
    }

    private static func validate(complexity: Int) throws(OpusError) {
        guard complexityRange.contains(complexity) else { throw .complexityOutOfRange(complexity) }
    }

    private static func validate(bitrate: Int) throws(OpusError) {
        guard bitrateRange.contains(bitrate) else { throw .bitrateOutOfRange(bitrate) }
    }

    private static func validate(packetLossPercentage: Int) throws(OpusError) {
        guard (0...100).contains(packetLossPercentage) else {
            throw .packetLossPercentageOutOfRange(packetLossPercentage)
        }
    }

    private static func check(_ status: Int32, _ function: String) throws(OpusError) {
        guard status >= 0 else { throw .library(OpusLibraryError(rawValue: status), function: function) }
    }
}
