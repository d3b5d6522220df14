/// One 20 ms packet of a caller's voice as it crosses the network: what an RTP packet of a G.711 or Opus call
/// carries, reduced to what the receiver uses.
///
/// A plain value with its payload inline, so that packets move through an `SPSCRingBuffer<VoicePacket>` (or a
/// simulated network's delay line) without a heap allocation or a reference count. Every field is a stored `var`,
/// as on the wire: nothing stops a damaged packet from claiming more bytes than it holds, so `PacketReceiver` checks
/// `byteCount` against `payloadCapacity` before it reads the payload.
///
/// The payload bound, 256 bytes, covers both codecs of a packet line with room to spare:
/// - a 20 ms G.711 packet is 160 bytes (8 kHz, one byte a frame);
/// - the line's Opus encoder (`LineCodec.opusConfiguration`, 24 kbit/s) averages 60 bytes a packet, and
///   `PacketSender` hands libopus exactly `payloadCapacity` bytes as the packet's room (`max_data_bytes`), which
///   libopus meets by spending fewer bits on that packet, so no packet it makes can be larger. The largest it made
///   in the tests, on loud white noise at complexities 0, 5 and 10, was 107 bytes; 256 bytes is 102 kbit/s at 20 ms,
///   four times the line's rate, so the cap never bites on speech.
///
/// A packet is 272 bytes in memory; a buffer of 64 for each of 100 callers is 1.7 MB.
///
/// Real-time safe: no locks, no allocation. Any thread (a value).
public struct VoicePacket: BitwiseCopyable, Sendable {
    /// The most payload bytes a packet holds.
    public static let payloadCapacity = 256

    /// Frames (at 16 kHz) of audio one packet carries: 20 ms.
    public static let frameCount = 320

    /// The packet's place in the stream: one more than the packet sent before it, wrapping from 65535 to 0, as RTP's
    /// sequence number does.
    public var sequenceNumber: UInt16

    /// When the packet's first frame was picked up, in frames at 16 kHz since the sender started, wrapping at 2³²
    /// (after 74 hours), like RTP's timestamp. Consecutive packets differ by `frameCount`. The receiver orders packets
    /// by `sequenceNumber` only; a simulated network can use this to schedule the packet's arrival.
    public var timestamp: UInt32

    /// Payload bytes in use, from the start of `payload`. A packet from `PacketSender` never has more than
    /// `payloadCapacity`; one that claims more is damaged.
    public var byteCount: Int

    /// The codec's packet: 160 G.711 codes, or one Opus packet, followed by unused bytes.
    public var payload: InlineArray<256, UInt8>

    /// Makes a packet from its fields, with the payload as given (which may claim more bytes than it holds).
    ///
    /// Real-time safe: no locks, no allocation.
    public init(sequenceNumber: UInt16, timestamp: UInt32, byteCount: Int, payload: InlineArray<256, UInt8>) {
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.byteCount = byteCount
        self.payload = payload
    }

    /// Makes a packet whose payload is a copy of `bytes`, or `nil` when they are more than `payloadCapacity`.
    ///
    /// Real-time safe: no locks, no allocation.
    public init?(sequenceNumber: UInt16, timestamp: UInt32, bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.payloadCapacity else { return nil }
        self.init(sequenceNumber: sequenceNumber, timestamp: timestamp, byteCount: 0, payload: .init(repeating: 0))
        for index in bytes.indices { self.payload[index] = bytes[index] }
        self.byteCount = bytes.count
    }

    /// Whether `byteCount` lies within the payload: 0 … `payloadCapacity`.
    ///
    /// Real-time safe: no locks, no allocation.
    public var hasValidByteCount: Bool { (0...Self.payloadCapacity).contains(self.byteCount) }

    /// Calls `body` with the payload's `byteCount` bytes, or with an empty buffer when `byteCount` is out of range.
    ///
    /// Real-time safe: no locks, no allocation.
    public func withUnsafePayload<Value>(_ body: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        let byteCount = self.hasValidByteCount ? self.byteCount : 0
        return self.payload.span.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<byteCount])) }
    }

    /// Lends the whole payload for writing in place; `body` returns the byte count it wrote, which becomes
    /// `byteCount`.
    ///
    /// Real-time safe: no locks, no allocation.
    mutating func withUnsafeMutablePayload(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        var span = self.payload.mutableSpan
        self.byteCount = span.withUnsafeMutableBufferPointer { body($0) }
    }
}
