import AudioCore
import Codecs

/// The engine's side of a packet call: a fixed-capacity jitter buffer that takes the caller's packets as they arrive
/// (late, early, out of order, twice, or damaged) and plays them out as 16 kHz audio, 10 ms a block.
///
/// Playout starts `playoutDelayBlockCount` blocks after the first packet arrives, and from then on one packet is due
/// every other block, in sequence-number order. A packet that arrives up to the playout delay after the first one's
/// schedule (arrival jitter up to the delay) is in time. A packet missing when its time comes is concealed: Opus with
/// the decoder's packet-loss concealment, G.711 by repeating the last packet at half the level, then silence
/// (`G711Concealment`, as on the simulated line). A packet that arrives after its time is counted late and dropped.
///
/// `read` returns whether the block holds concealed audio or audio of the packet after a concealed one (the decoder's
/// state and the resampler's filter still carry the concealment into it), as `LineTransport.carry` does, so that the
/// barge-in detector neither learns the echo from such a block nor takes it for the caller.
///
/// The buffer is indexed by sequence number modulo `capacity` (a power of two, so the index survives the 65535 → 0
/// wrap) and covers `capacity` packets from the one due next. A packet outside that window (a damaged sequence number,
/// or a stream that jumped) is dropped and counted; `resynchronizationPacketCount` such packets in a row, each near
/// the one before, move the window to the new numbering, keeping the playout delay ahead of it.
///
/// Which thread calls what: one thread at a time calls `receive` and `read`, the call's audio thread. A network
/// thread hands packets over through an `SPSCRingBuffer<VoicePacket>` that the audio thread drains into `receive`
/// before each `read`. `counters` may be read from any thread.
///
/// `@unchecked Sendable`: the receiver has one owner at a time (made on the control thread, then used by the audio
/// thread alone); only `counters`, which are atomics, are shared.
///
/// Real-time safe after `init`: `receive` and `read` take no locks, do not allocate, log or throw. Audio thread only.
public final class PacketReceiver: @unchecked Sendable {
    /// The playout delay unless told otherwise: 60 ms, three packets.
    ///
    /// It absorbs 60 ms of arrival jitter with no concealment, more than a good access network shows (a few ms to
    /// 30 ms) and room for a bench's simulated network; it adds 60 ms to every turn's latency, a small part of the
    /// pause before the agent answers. A fixed delay, not an adaptive one, so that a replay is repeatable.
    public static let defaultPlayoutDelayMilliseconds = 60

    /// The packets the buffer holds unless told otherwise: 64, 1.28 s, far more than the delay needs; the window is
    /// what makes a damaged sequence number harmless.
    public static let defaultCapacity = 64

    /// Out-of-window packets in a row, each near the last, that move the window to a stream that jumped.
    public static let resynchronizationPacketCount = 3

    /// Frames `read` fills in one call: 10 ms at 16 kHz.
    public static let blockFrameCount = 160

    /// The codec the packets carry: `pcmu`, `pcma` or `opus`.
    public let codec: LineCodec
    /// Blocks of silence between the first packet's arrival and its playout.
    public let playoutDelayBlockCount: Int
    /// Packets the buffer holds: a power of two.
    public let capacity: Int
    /// What the receiver did with the packets; readable from any thread.
    public let counters = PacketReceiverCounters()

    /// What a slot of the buffer holds.
    enum SlotState: UInt8 {
        /// Nothing yet, or cleared by a resynchronization.
        case empty
        /// A packet waiting for its playout time.
        case waiting
        /// The packet of `slotSequenceNumbers[slot]`, played.
        case played
        /// The time of `slotSequenceNumbers[slot]`, concealed.
        case concealed
    }

    private let slots: UnsafeMutableBufferPointer<VoicePacket>
    private let slotStates: UnsafeMutableBufferPointer<SlotState>
    private let slotSequenceNumbers: UnsafeMutableBufferPointer<UInt16>

    /// Whether a packet has arrived; before one has, `read` gives silence.
    private var hasStarted = false
    /// Whether any packet time has been played out; before then an earlier packet may still move the start back.
    private var hasBegunPlayout = false
    private var blocksUntilPlayout = 0
    /// The packet due next.
    private var nextSequenceNumber: UInt16 = 0
    /// Out-of-window packets in a row, and the last one's number.
    private var outOfWindowInARow = 0
    private var lastOutOfWindowSequenceNumber: UInt16 = 0
    /// Whether the last packet time played out was concealed: the next one's audio still carries it.
    private var wasLastPacketConcealed = false

    let decoding: PacketDecoding

    /// Decoded 16 kHz frames not yet read, `pendingCount` from `pendingStart`, and beside each whether it carries
    /// concealment.
    private let pending: UnsafeMutableBufferPointer<Float>
    private let pendingConcealed: UnsafeMutableBufferPointer<Bool>
    private var pendingStart = 0
    private var pendingCount = 0

    /// Makes the receiver and its buffer.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - codec: `pcmu`, `pcma` or `opus`.
    ///   - playoutDelayMilliseconds: from the first packet's arrival to its playout, rounded up to 10 ms blocks; 0 …
    ///     half the buffer's span (`capacity` × 10 ms).
    ///   - capacity: packets the buffer holds, rounded up to a power of two, 4 … 32768.
    /// - Throws: `CallError.frontEnd` for a `linear16` line, a delay or capacity out of range, or a decoder or
    ///   resampler that cannot be made.
    public init(
        codec: LineCodec, playoutDelayMilliseconds: Int = defaultPlayoutDelayMilliseconds,
        capacity: Int = defaultCapacity
    ) throws(CallError) {
        guard (4...32_768).contains(capacity) else {
            throw .frontEnd("a packet buffer of \(capacity) packets is out of range; use 4 to 32768")
        }
        let capacity = 1 << (Int.bitWidth - (capacity - 1).leadingZeroBitCount)
        let maximumDelay = capacity * 10
        guard (0...maximumDelay).contains(playoutDelayMilliseconds) else {
            throw .frontEnd(
                "a playout delay of \(playoutDelayMilliseconds) ms is out of range; use 0 to \(maximumDelay) ms for "
                    + "a buffer of \(capacity) packets")
        }
        self.codec = codec
        self.capacity = capacity
        self.playoutDelayBlockCount = (playoutDelayMilliseconds + 9) / 10
        self.decoding = try PacketDecoding(codec: codec)

        self.slots = .allocate(capacity: capacity)
        self.slots.initialize(
            repeating: VoicePacket(sequenceNumber: 0, timestamp: 0, byteCount: 0, payload: .init(repeating: 0)))
        self.slotStates = .allocate(capacity: capacity)
        self.slotStates.initialize(repeating: .empty)
        self.slotSequenceNumbers = .allocate(capacity: capacity)
        self.slotSequenceNumbers.initialize(repeating: 0)
        // Up to a block left over, and one packet decoded, with room for a resampler that gives a frame more.
        self.pending = .allocate(capacity: 4 * VoicePacket.frameCount)
        self.pending.initialize(repeating: 0)
        self.pendingConcealed = .allocate(capacity: self.pending.count)
        self.pendingConcealed.initialize(repeating: false)
    }

    deinit {
        self.slots.deallocate()
        self.slotStates.deallocate()
        self.slotSequenceNumbers.deallocate()
        self.pending.deallocate()
        self.pendingConcealed.deallocate()
    }

    /// Takes one packet off the network into the buffer, or counts why it cannot play.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1); O(`capacity`) on a resynchronization.
    public func receive(_ packet: VoicePacket) {
        self.counters.countReceived()
        guard self.decoding.isWellFormed(packet) else {
            self.counters.countMalformed()
            return
        }
        let sequenceNumber = packet.sequenceNumber
        if !self.hasStarted {
            self.hasStarted = true
            self.nextSequenceNumber = sequenceNumber
            self.blocksUntilPlayout = self.playoutDelayBlockCount
        }

        var distance = Int(Int16(bitPattern: sequenceNumber &- self.nextSequenceNumber))
        if !self.hasBegunPlayout && distance < 0 && -distance <= self.startMoveLimit {
            // Before playout, an earlier packet (the first to arrive had overtaken it) moves the start back.
            self.nextSequenceNumber = sequenceNumber
            distance = 0
        }
        guard distance < self.capacity && distance >= -self.capacity else {
            self.receiveOutOfWindow(packet)
            return
        }
        self.outOfWindowInARow = 0

        let slot = Int(sequenceNumber) & (self.capacity - 1)
        let isThisPacket = self.slotSequenceNumbers[slot] == sequenceNumber
        if distance < 0 {
            // Its time has passed: played before (a duplicate) or concealed (late).
            if isThisPacket && self.slotStates[slot] == .played {
                self.counters.countDuplicate()
            } else {
                self.counters.countLate()
            }
            return
        }
        if isThisPacket && self.slotStates[slot] == .waiting {
            self.counters.countDuplicate()
            return
        }
        self.store(packet, in: slot)
    }

    /// Fills `block` with the next 10 ms of the caller's audio at 16 kHz: silence before the first packet and during
    /// the playout delay, then the packets in order, concealed where missing.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter block: `blockFrameCount` frames; another count traps.
    /// - Returns: whether any frame of the block came from a concealed packet time or the packet after one.
    /// - Complexity: O(block) plus one packet's decoding every other call.
    @discardableResult
    public func read(into block: UnsafeMutableBufferPointer<Float>) -> Bool {
        precondition(block.count == Self.blockFrameCount, "PacketReceiver.read fills 10 ms blocks of 160 frames")
        guard self.hasStarted, self.blocksUntilPlayout == 0 else {
            if self.hasStarted { self.blocksUntilPlayout -= 1 }
            block.update(repeating: 0)
            return false
        }

        while self.pendingCount < block.count {
            self.playOutNextPacket()
        }
        var isConcealed = false
        for index in 0..<block.count {
            block[index] = self.pending[self.pendingStart + index]
            isConcealed = isConcealed || self.pendingConcealed[self.pendingStart + index]
        }
        self.pendingStart += block.count
        self.pendingCount -= block.count
        return isConcealed
    }

    /// How far back an earlier packet may move the start before playout: the delay, in packets, since a packet
    /// overtaken by more than that would be late in any case.
    private var startMoveLimit: Int { (self.playoutDelayBlockCount + 1) / 2 }

    private func store(_ packet: VoicePacket, in slot: Int) {
        self.slots[slot] = packet
        self.slotSequenceNumbers[slot] = packet.sequenceNumber
        self.slotStates[slot] = .waiting
    }

    /// Drops a packet outside the window, or, when it is the last of a run that looks like a stream that jumped,
    /// moves the window so that it plays the playout delay from now.
    private func receiveOutOfWindow(_ packet: VoicePacket) {
        self.counters.countOutOfWindow()
        let sequenceNumber = packet.sequenceNumber
        let step = Int(Int16(bitPattern: sequenceNumber &- self.lastOutOfWindowSequenceNumber))
        let isNearLast = self.outOfWindowInARow > 0 && abs(step) < self.capacity
        self.outOfWindowInARow = isNearLast ? self.outOfWindowInARow + 1 : 1
        self.lastOutOfWindowSequenceNumber = sequenceNumber
        guard self.outOfWindowInARow >= Self.resynchronizationPacketCount else { return }

        self.counters.countResynchronization()
        self.outOfWindowInARow = 0
        self.slotStates.update(repeating: .empty)
        let delayPacketCount = UInt16((self.playoutDelayBlockCount + 1) / 2)
        self.nextSequenceNumber = sequenceNumber &- delayPacketCount
        self.store(packet, in: Int(sequenceNumber) & (self.capacity - 1))
    }

    /// Decodes the packet due next, or conceals its time, onto the end of `pending`.
    private func playOutNextPacket() {
        let sequenceNumber = self.nextSequenceNumber
        self.nextSequenceNumber &+= 1
        self.hasBegunPlayout = true
        let slot = Int(sequenceNumber) & (self.capacity - 1)

        if self.pendingStart > 0 {
            for index in 0..<self.pendingCount {
                self.pending[index] = self.pending[self.pendingStart + index]
                self.pendingConcealed[index] = self.pendingConcealed[self.pendingStart + index]
            }
            self.pendingStart = 0
        }
        let output = UnsafeMutableBufferPointer(rebasing: self.pending[self.pendingCount...])

        var frameCount: Int?
        if self.slotStates[slot] == .waiting && self.slotSequenceNumbers[slot] == sequenceNumber {
            frameCount = self.decoding.decode(self.slots[slot], into: output)
            if frameCount == nil { self.counters.countMalformed() }
        }
        let isLost = frameCount == nil
        if isLost {
            frameCount = self.decoding.conceal(into: output)
            self.counters.countConcealed()
        } else {
            self.counters.countPlayed()
        }
        self.slotSequenceNumbers[slot] = sequenceNumber
        self.slotStates[slot] = isLost ? .concealed : .played

        let isConcealed = isLost || self.wasLastPacketConcealed
        self.wasLastPacketConcealed = isLost
        let count = frameCount ?? 0
        for index in 0..<count { self.pendingConcealed[self.pendingCount + index] = isConcealed }
        self.pendingCount += count
    }
}
