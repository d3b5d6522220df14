import AudioCore
import Synchronization

/// A graph source that plays Opus packets from an `OpusPacketRing`: one 20 ms packet per graph block.
///
/// The graph runs at the packet's 20 ms (320 frames at 16 kHz) and at one of Opus's rates, mono or stereo.
/// Each block takes the oldest slot of the ring:
///
/// - a packet of one block's length is decoded;
/// - a loss mark is rebuilt from the next packet's forward-error-correction data when that packet is already in
///   the ring and `usesForwardErrorCorrection` is on (the next packet itself is decoded normally on the next
///   block), and concealed otherwise;
/// - an empty ring (the packet is late or never came) is concealed;
/// - a packet libopus refuses, or one of another duration, is counted as undecodable and concealed.
///
/// Every block therefore outputs exactly one block of frames.
///
/// Not `Sendable`: the node belongs to one graph; the network side keeps `ring` and `counters`.
// TODO: A packet that arrives after its block was concealed is played one block late, and the call's delay grows
// by 20 ms each time; a jitter buffer that drops late packets (or shortens silence) is still missing.
public final class OpusDecoderSource: AudioNode {
    /// What happened to packets on the audio path, readable from any thread.
    ///
    /// Every block is exactly one of: decoded, recovered or concealed. Lost, missing and undecodable say why a
    /// block was not decoded, so recovered + concealed = lost + missing + undecodable.
    public final class Counters: Sendable {
        private let decoded = Atomic<Int>(0)
        private let lost = Atomic<Int>(0)
        private let missing = Atomic<Int>(0)
        private let undecodable = Atomic<Int>(0)
        private let recovered = Atomic<Int>(0)
        private let concealed = Atomic<Int>(0)

        init() {}

        /// Packets decoded normally.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var decodedPacketCount: Int { self.decoded.load(ordering: .relaxed) }

        /// Loss marks read from the ring.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var lostPacketCount: Int { self.lost.load(ordering: .relaxed) }

        /// Blocks for which the ring was empty.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var missingPacketCount: Int { self.missing.load(ordering: .relaxed) }

        /// Packets libopus refused, or whose duration was not one block.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var undecodablePacketCount: Int { self.undecodable.load(ordering: .relaxed) }

        /// Lost packets rebuilt from the next packet's FEC data. When that packet carries none, libopus conceals
        /// instead, and the block is still counted here: libopus 1.3 does not say which happened.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var recoveredPacketCount: Int { self.recovered.load(ordering: .relaxed) }

        /// Blocks synthesized by packet-loss concealment (or, if even that failed, played as silence).
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var concealedPacketCount: Int { self.concealed.load(ordering: .relaxed) }

        /// What one block's packet came to.
        enum Event {
            case decoded, lost, missing, undecodable, recovered, concealed
        }

        func count(_ event: Event) {
            // Relaxed: statistics; nothing is ordered by them.
            switch event {
            case .decoded: self.decoded.add(1, ordering: .relaxed)
            case .lost: self.lost.add(1, ordering: .relaxed)
            case .missing: self.missing.add(1, ordering: .relaxed)
            case .undecodable: self.undecodable.add(1, ordering: .relaxed)
            case .recovered: self.recovered.add(1, ordering: .relaxed)
            case .concealed: self.concealed.add(1, ordering: .relaxed)
            }
        }
    }

    /// The packet ring the source reads; the source is its only consumer.
    public let ring: OpusPacketRing

    /// Whether a lost packet is rebuilt from the next packet's FEC data when that packet is in the ring.
    public let usesForwardErrorCorrection: Bool

    /// The audio path's counters.
    public let counters = Counters()

    private var decoder: OpusDecoder?
    private var pcm = UnsafeMutableBufferPointer<Int16>(start: nil, count: 0)

    /// Makes a source that decodes packets from `ring`.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: OpusPacketRing, usesForwardErrorCorrection: Bool = true) {
        self.ring = ring
        self.usesForwardErrorCorrection = usesForwardErrorCorrection
    }

    deinit {
        self.pcm.deallocate()
    }

    /// Makes the decoder for the stage's rate and channel count, after checking the block is one 20 ms packet.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` for a rate Opus does not decode at, more than 2 channels or a
    ///   block other than 20 ms, or `OpusError` when libopus refuses.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws {
        let packetFrameCount = OpusFrameDuration.milliseconds20.frameCount(sampleRate: format.sampleRate)
        guard OpusError.supportedSampleRates.contains(format.sampleRate), format.channelCount <= 2,
            maximumFrameCount == packetFrameCount
        else {
            throw AudioGraphError.unsupportedFormat(
                node: "OpusDecoderSource", format: format, frameCount: maximumFrameCount,
                accepted: "8000, 12000, 16000, 24000 or 48000 Hz with 1 or 2 channels, in 20 ms blocks of one "
                    + "packet (320 frames at 16000 Hz)")
        }
        self.decoder = try OpusDecoder(sampleRate: format.sampleRate, channelCount: format.channelCount)
        self.pcm.deallocate()
        self.pcm = .allocate(capacity: format.sampleCount(frameCount: maximumFrameCount))
        self.pcm.initialize(repeating: 0)
    }

    /// Decodes, rebuilds or conceals one packet into `output`.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.outputSampleCount) plus libopus's decode.
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        guard let decoder = self.decoder else {
            output.update(repeating: 0)
            return
        }
        let pcm = self.pcm
        let frameCount = context.outputFrameCount
        let counters = self.counters
        let usesForwardErrorCorrection = self.usesForwardErrorCorrection
        var isDone = false

        self.ring.withUnsafeOldestSlots { oldest, next in
            switch oldest {
            case nil:
                counters.count(.missing)
                return false
            case .lost:
                counters.count(.lost)
                if usesForwardErrorCorrection, case .packet(let nextPacket) = next,
                    case .success(frameCount) = decoder.frameCount(of: nextPacket),
                    case .success(frameCount) = decoder.recoverLostPacket(from: nextPacket, into: pcm)
                {
                    counters.count(.recovered)
                    isDone = true
                }
            case .packet(let packet):
                if case .success(frameCount) = decoder.frameCount(of: packet),
                    case .success(frameCount) = decoder.decode(packet, into: pcm)
                {
                    counters.count(.decoded)
                    isDone = true
                } else {
                    counters.count(.undecodable)
                }
            }
            return true
        }

        if !isDone {
            counters.count(.concealed)
            guard case .success(frameCount) = decoder.decode(nil, into: pcm) else {
                output.update(repeating: 0)
                return
            }
        }
        SampleConversion.convert(UnsafeBufferPointer(pcm), to: output)
    }

    /// Forgets the decoder's history, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    public func reset() {
        self.decoder?.reset()
    }
}
