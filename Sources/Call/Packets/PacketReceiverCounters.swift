import Synchronization

/// What a `PacketReceiver` has done with the packets of one call, readable from the control side (or a bench's
/// report) while the audio thread runs the receiver.
///
/// Atomics, stored by the receiver's thread with relaxed ordering: each counter is a statistic on its own and no other
/// memory is published through it, so a reader may see one counter a packet ahead of another. Read after the call
/// (after joining its thread), they are exact and `playedCount + concealedCount` is every packet time played out.
///
/// Every count is of packets (20 ms each), not blocks.
///
/// Real-time safe: no locks, no allocation. Any thread.
public final class PacketReceiverCounters: Sendable {
    private let received = Atomic<Int>(0)
    private let played = Atomic<Int>(0)
    private let concealed = Atomic<Int>(0)
    private let late = Atomic<Int>(0)
    private let duplicate = Atomic<Int>(0)
    private let malformed = Atomic<Int>(0)
    private let outOfWindow = Atomic<Int>(0)
    private let resynchronizations = Atomic<Int>(0)

    /// Makes zeroed counters.
    init() {}

    /// Packets handed to `receive`, whatever became of them.
    public var receivedCount: Int { self.received.load(ordering: .relaxed) }

    /// Packets decoded and played.
    public var playedCount: Int { self.played.load(ordering: .relaxed) }

    /// Packet times played out with concealment because no playable packet was there: lost, late, malformed, or
    /// never sent. After the caller stops sending, this grows by one every 20 ms.
    public var concealedCount: Int { self.concealed.load(ordering: .relaxed) }

    /// Packets that arrived after their playout time (it had been concealed), dropped.
    public var lateCount: Int { self.late.load(ordering: .relaxed) }

    /// Packets that arrived again, while the first copy waited or after it was played, dropped.
    public var duplicateCount: Int { self.duplicate.load(ordering: .relaxed) }

    /// Packets whose payload was damaged: a byte count out of range or wrong for the codec, a payload that is not a
    /// 20 ms Opus packet, or one the decoder refused. Their packet time is concealed. G.711 has no invalid codes,
    /// so random bytes of the right length play as noise and are not counted here.
    public var malformedCount: Int { self.malformed.load(ordering: .relaxed) }

    /// Packets whose sequence number lay too far ahead of or behind the packet being played for the buffer to hold
    /// them (a damaged number, or a stream that jumped), dropped.
    public var outOfWindowCount: Int { self.outOfWindow.load(ordering: .relaxed) }

    /// Times the receiver moved its window to a stream that had jumped (several packets in a row out of the window
    /// and close to each other).
    public var resynchronizationCount: Int { self.resynchronizations.load(ordering: .relaxed) }

    func countReceived() { self.received.add(1, ordering: .relaxed) }
    func countPlayed() { self.played.add(1, ordering: .relaxed) }
    func countConcealed() { self.concealed.add(1, ordering: .relaxed) }
    func countLate() { self.late.add(1, ordering: .relaxed) }
    func countDuplicate() { self.duplicate.add(1, ordering: .relaxed) }
    func countMalformed() { self.malformed.add(1, ordering: .relaxed) }
    func countOutOfWindow() { self.outOfWindow.add(1, ordering: .relaxed) }
    func countResynchronization() { self.resynchronizations.add(1, ordering: .relaxed) }
}
