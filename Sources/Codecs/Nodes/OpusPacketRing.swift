import AudioCore

/// A single-producer/single-consumer FIFO of Opus packets of varying length, between a network thread and a
/// call's graph.
///
/// Every packet takes one fixed-size slot of a `BlockRingBuffer<UInt8>`: a 2-byte little-endian byte count, then
/// the packet. A byte count of 0 marks a packet the producer knows was lost (a gap in RTP sequence numbers), so
/// the decoder can conceal it, or rebuild it from the next packet's forward-error-correction data when that one
/// has already arrived. It keeps the ring's guarantees: no locks, no allocation after `init`, power-of-two
/// capacity.
///
/// Which thread may call what: one producer thread (`tryWrite`, `tryWriteLostPacket`, `withUnsafeWritableSlot`)
/// and one consumer thread (`tryRead`, `withUnsafeOldestSlots`) at a time; `packetCount` from any thread.
public final class OpusPacketRing: Sendable {
    /// Bytes in front of each packet holding its byte count.
    public static let lengthPrefixByteCount = 2

    /// What the consumer finds in a slot.
    public enum Slot {
        /// A received packet; valid only inside the closure that lent it.
        case packet(UnsafeBufferPointer<UInt8>)
        /// A packet the producer marked as lost.
        case lost
    }

    /// What became of a write.
    public enum WriteResult: Hashable, Sendable {
        /// The packet is in the ring.
        case written
        /// The ring was full; nothing was written.
        case full
        /// The packet is longer than `maximumPacketByteCount`; nothing was written.
        case tooLarge
    }

    /// The longest packet a slot holds.
    public let maximumPacketByteCount: Int

    private let slots: BlockRingBuffer<UInt8>

    /// Allocates a ring for at least `minimumPacketCapacity` packets of up to `maximumPacketByteCount` bytes.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - minimumPacketCapacity: 1 to 2³⁰ packets; rounded up to the next power of two.
    ///   - maximumPacketByteCount: 1 to 65 535 bytes; the default, one Opus frame's maximum of 1275 bytes, holds
    ///     any single-frame packet (every 20 ms packet `OpusEncoder` makes).
    /// - Complexity: O(packetCapacity × maximumPacketByteCount), to allocate.
    public init(minimumPacketCapacity: Int, maximumPacketByteCount: Int = OpusDecoder.maximumFrameByteCount) {
        precondition(
            (1...Int(UInt16.max)).contains(maximumPacketByteCount),
            "a slot holds 1 to 65535 bytes, not \(maximumPacketByteCount)")
        self.maximumPacketByteCount = maximumPacketByteCount
        self.slots = BlockRingBuffer(
            minimumBlockCapacity: minimumPacketCapacity,
            blockSampleCount: Self.lengthPrefixByteCount + maximumPacketByteCount)
    }

    /// Packets the ring holds when full.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var packetCapacity: Int { self.slots.blockCapacity }

    /// Packets (and loss marks) written and not yet read, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var packetCount: Int { self.slots.blockCount }

    /// Copies `packet` into the next free slot.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Parameter packet: 1 to `maximumPacketByteCount` bytes; an empty packet is written as a loss mark.
    /// - Returns: Whether the packet was written, or why not.
    /// - Complexity: O(packet.count).
    @discardableResult
    public func tryWrite(_ packet: UnsafeBufferPointer<UInt8>) -> WriteResult {
        guard packet.count <= self.maximumPacketByteCount else { return .tooLarge }
        let written = self.withUnsafeWritableSlot { payload in
            if let source = packet.baseAddress, !packet.isEmpty {
                payload.baseAddress!.update(from: source, count: packet.count)
            }
            return packet.count
        }
        return written ? .written : .full
    }

    /// Writes a loss mark: the packet for this slot will not come.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Returns: Whether the mark was written (`false`: the ring was full).
    /// - Complexity: O(1).
    @discardableResult
    public func tryWriteLostPacket() -> Bool {
        self.withUnsafeWritableSlot { _ in 0 }
    }

    /// Lends the next free slot's payload (`maximumPacketByteCount` bytes) for writing a packet in place.
    ///
    /// The body returns the packet's byte count (0 for a loss mark), or `nil` to write nothing. It does not run
    /// when the ring is full.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Returns: Whether a slot was published.
    /// - Complexity: O(1) plus the body.
    @discardableResult
    public func withUnsafeWritableSlot(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> Bool {
        let maximumPacketByteCount = self.maximumPacketByteCount
        let written = self.slots.withUnsafeWritableRegions(wanting: 1) { first, _ in
            guard !first.isEmpty else { return 0 }
            let slot = first[block: 0]
            guard let byteCount = body(UnsafeMutableBufferPointer(rebasing: slot[Self.lengthPrefixByteCount...]))
            else { return 0 }
            precondition(
                (0...maximumPacketByteCount).contains(byteCount),
                "a packet of \(byteCount) bytes does not fit a slot of \(maximumPacketByteCount)")
            slot[0] = UInt8(truncatingIfNeeded: byteCount)
            slot[1] = UInt8(truncatingIfNeeded: byteCount >> 8)
            return 1
        }
        return written == 1
    }

    /// Lends the oldest slot and the one after it, and frees the oldest if the body says so.
    ///
    /// Either is `nil` when the ring holds fewer slots. Looking at the next slot lets a decoder rebuild a lost
    /// packet from the forward-error-correction data in the packet after it.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Parameter body: Gets the oldest and the next slot; returns whether to free the oldest.
    /// - Returns: Whether the oldest slot was freed.
    /// - Complexity: O(1) plus the body.
    @discardableResult
    public func withUnsafeOldestSlots(_ body: (_ oldest: Slot?, _ next: Slot?) -> Bool) -> Bool {
        let consumed = self.slots.withUnsafeReadableRegions(wanting: 2) { first, second in
            let oldest = first.isEmpty ? nil : Self.slot(first[block: 0])
            let next: Slot?
            if first.blockCount >= 2 {
                next = Self.slot(first[block: 1])
            } else if !first.isEmpty && !second.isEmpty {
                next = Self.slot(second[block: 0])
            } else {
                next = nil
            }
            return body(oldest, next) && oldest != nil ? 1 : 0
        }
        return consumed == 1
    }

    /// Moves the oldest packet into `destination`.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Parameter destination: Room for `maximumPacketByteCount` bytes; a shorter buffer that cannot hold the
    ///   packet leaves it in the ring.
    /// - Returns: The packet's byte count (0 for a loss mark), or `nil` when the ring is empty or the packet does
    ///   not fit.
    /// - Complexity: O(*n*), where *n* is the packet's byte count.
    public func tryRead(into destination: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var byteCount: Int?
        self.withUnsafeOldestSlots { oldest, _ in
            switch oldest {
            case nil:
                return false
            case .lost:
                byteCount = 0
                return true
            case .packet(let packet):
                guard packet.count <= destination.count else { return false }
                destination.baseAddress!.update(from: packet.baseAddress!, count: packet.count)
                byteCount = packet.count
                return true
            }
        }
        return byteCount
    }

    private static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Slot {
        let byteCount = Int(bytes[0]) | Int(bytes[1]) << 8
        guard byteCount > 0 else { return .lost }
        return .packet(
            UnsafeBufferPointer(rebasing: bytes[lengthPrefixByteCount..<(lengthPrefixByteCount + byteCount)]))
    }
}
