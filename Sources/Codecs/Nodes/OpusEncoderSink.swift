import AudioCore
import Synchronization

/// A graph sink that encodes each block as one Opus packet into an `OpusPacketRing`, and passes the block on
/// unchanged.
///
/// The block must be one packet: `configuration.frameDuration` at the stage's rate (20 ms by default, 320 frames
/// at 16 kHz). The stage's format sets the encoder's sample rate and channel count; the rest of
/// `configuration` (bitrate, complexity, FEC) is used as given. The packet is encoded straight into the ring's
/// next free slot. Decoded audio lags the input by the encoder's lookahead, `OpusEncoder.lookaheadFrameCount` for the
/// same configuration. When the ring is full the block is still encoded, so the encoder's history stays that of the
/// call, but the packet is dropped and counted.
///
/// Not `Sendable`: the node belongs to one graph; the network side keeps `ring` and `counters`.
public final class OpusEncoderSink: AudioNode {
    /// What went wrong on the audio path, readable from any thread.
    public final class Counters: Sendable {
        private let droppedPackets = Atomic<Int>(0)
        private let failedPackets = Atomic<Int>(0)

        init() {}

        /// Packets encoded but not written because the ring was full.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var droppedPacketCount: Int { self.droppedPackets.load(ordering: .relaxed) }

        /// Blocks libopus failed to encode (none are expected once prepared).
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var failedPacketCount: Int { self.failedPackets.load(ordering: .relaxed) }

        func countDrop() {
            // Relaxed: statistics; nothing is ordered by them.
            self.droppedPackets.add(1, ordering: .relaxed)
        }

        func countFailure() {
            self.failedPackets.add(1, ordering: .relaxed)
        }
    }

    /// The packet ring the sink writes; the sink is its only producer.
    public let ring: OpusPacketRing

    /// The encoder settings; `sampleRate` and `channelCount` are replaced by the stage's at `prepare`.
    public private(set) var configuration: OpusEncoder.Configuration

    /// The audio path's problem counters.
    public let counters = Counters()

    private var encoder: OpusEncoder?
    private var pcm = UnsafeMutableBufferPointer<Int16>(start: nil, count: 0)
    private var droppedPacket = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

    /// Makes a sink that encodes into `ring` with `configuration`.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: OpusPacketRing, configuration: OpusEncoder.Configuration = .init()) {
        self.ring = ring
        self.configuration = configuration
    }

    deinit {
        self.pcm.deallocate()
        self.droppedPacket.deallocate()
    }

    /// Makes the encoder at the stage's rate and channel count, after checking the block is one packet.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` for a rate Opus does not encode at, more than 2 channels or a
    ///   block that is not one packet, or `OpusError` for a setting libopus refuses.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws {
        let duration = self.configuration.frameDuration
        guard OpusError.supportedSampleRates.contains(format.sampleRate), format.channelCount <= 2,
            maximumFrameCount == duration.frameCount(sampleRate: format.sampleRate)
        else {
            throw AudioGraphError.unsupportedFormat(
                node: "OpusEncoderSink", format: format, frameCount: maximumFrameCount,
                accepted: "8000, 12000, 16000, 24000 or 48000 Hz with 1 or 2 channels, in blocks of one "
                    + "\(duration.milliseconds) ms packet")
        }
        var configuration = self.configuration
        configuration.sampleRate = format.sampleRate
        configuration.channelCount = format.channelCount
        self.encoder = try OpusEncoder(configuration: configuration)
        self.configuration = configuration

        self.pcm.deallocate()
        self.pcm = .allocate(capacity: format.sampleCount(frameCount: maximumFrameCount))
        self.pcm.initialize(repeating: 0)
        self.droppedPacket.deallocate()
        self.droppedPacket = .allocate(capacity: self.ring.maximumPacketByteCount)
        self.droppedPacket.initialize(repeating: 0)
    }

    /// Copies `input` to `output` and encodes it into the ring's next free slot.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount) plus libopus's encode.
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let sampleCount = context.sampleCount
        output.baseAddress!.update(from: input.baseAddress!, count: sampleCount)
        guard let encoder = self.encoder else { return }
        let pcm = UnsafeBufferPointer(self.pcm)
        SampleConversion.convert(UnsafeBufferPointer(rebasing: input[..<sampleCount]), to: self.pcm)

        let counters = self.counters
        var hadRoom = false
        self.ring.withUnsafeWritableSlot { payload in
            hadRoom = true
            guard case .success(let byteCount) = encoder.encode(pcm, into: payload) else {
                counters.countFailure()
                return nil
            }
            return byteCount
        }
        if !hadRoom {
            if case .failure = encoder.encode(pcm, into: self.droppedPacket) {
                counters.countFailure()
            }
            counters.countDrop()
        }
    }

    /// Forgets the encoder's history, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    public func reset() {
        self.encoder?.reset()
    }
}
