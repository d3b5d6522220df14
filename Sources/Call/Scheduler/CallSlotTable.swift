import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A fixed table of the calls a pool of worker threads runs: the control thread puts a call in a free slot and
/// takes it out again; workers claim a slot's call for a moment, run it and let it go, without locks.
///
/// Each slot moves free → active → retired → free. Only the control thread writes a slot's call, and only while
/// the slot is free; workers read it only while the slot is active and they hold its claim. A worker claims a slot
/// with one atomic exchange, so no call is ever run by two workers at once, and a worker that finds a slot claimed
/// moves on (the holder is running it). To take a call out, the control thread retires the slot, waits for any
/// claim to be let go, then clears it: a retired slot is never claimed again, so after that wait no worker can
/// still be inside the call.
///
/// The table never grows: `capacity` slots are made in `init`.
///
/// `@unchecked Sendable`: a slot's `item` is written only by the control thread while no worker may read it (the
/// slot is free or retired with no claim), and read by workers only under a claim of an active slot; the state and
/// claim atomics order the two (sequentially consistent, so the control thread's "retire, then look for a claim"
/// and a worker's "claim, then look at the state" cannot both miss each other).
final class CallSlotTable<Item: AnyObject>: @unchecked Sendable {
    private final class Slot: @unchecked Sendable {
        /// `free`, `active` or `retired`.
        let state = Atomic<Int>(CallSlotTable.free)
        /// A worker is running this slot's call.
        let isClaimed = Atomic<Bool>(false)
        var item: Item?
    }

    static var free: Int { 0 }
    static var active: Int { 1 }
    static var retired: Int { 2 }

    private let slots: [Slot]
    /// One past the highest slot ever made active: workers look no further.
    private let usedCount = Atomic<Int>(0)
    /// Items active now.
    private let activeItems = Atomic<Int>(0)

    /// Makes `capacity` free slots.
    ///
    /// Not real-time safe: allocates. Control thread only.
    init(capacity: Int) {
        precondition(capacity > 0, "a slot table holds at least one call")
        self.slots = (0..<capacity).map { _ in Slot() }
    }

    /// How many calls the table can hold at once.
    var capacity: Int { self.slots.count }

    /// Slots workers need to look at: one past the highest ever used.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    var usedSlotCount: Int { self.usedCount.load(ordering: .acquiring) }

    /// Calls in the table now.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    var activeCount: Int { self.activeItems.load(ordering: .relaxed) }

    /// Puts `item` in a free slot, where workers find it from their next pass.
    ///
    /// Not real-time safe: control thread only (one control thread per table).
    ///
    /// - Returns: the slot's index, for `remove(at:)`; `nil` when every slot is taken.
    func add(_ item: Item) -> Int? {
        guard let index = self.slots.firstIndex(where: { $0.state.load(ordering: .acquiring) == Self.free }) else {
            return nil
        }
        let slot = self.slots[index]
        slot.item = item
        // Releasing: a worker that sees the slot active sees its item.
        slot.state.store(Self.active, ordering: .sequentiallyConsistent)
        self.activeItems.add(1, ordering: .relaxed)
        if index >= self.usedCount.load(ordering: .relaxed) {
            self.usedCount.store(index + 1, ordering: .releasing)
        }
        return index
    }

    /// Takes the call out of slot `index`, waiting for a worker that is running it to finish its block.
    ///
    /// Not real-time safe: control thread only; spins briefly.
    ///
    /// - Returns: the call that was in the slot, `nil` if it was free.
    @discardableResult
    func remove(at index: Int) -> Item? {
        let slot = self.slots[index]
        guard slot.state.load(ordering: .sequentiallyConsistent) == Self.active else { return nil }
        slot.state.store(Self.retired, ordering: .sequentiallyConsistent)
        while slot.isClaimed.load(ordering: .sequentiallyConsistent) {
            sched_yield()
        }
        let item = slot.item
        slot.item = nil
        self.activeItems.subtract(1, ordering: .relaxed)
        slot.state.store(Self.free, ordering: .sequentiallyConsistent)
        return item
    }

    /// Runs `body` with the call in slot `index` if the slot is active and no other worker holds it.
    ///
    /// Real-time safe: no locks, no allocation (beyond what `body` does). Worker threads.
    ///
    /// - Returns: what `body` returned, or `nil` when the slot was free, retired or claimed.
    @inline(__always)
    func withClaim<Result>(at index: Int, _ body: (Item) -> Result) -> Result? {
        let slot = self.slots[index]
        guard slot.state.load(ordering: .acquiring) == Self.active,
            slot.isClaimed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
                .exchanged
        else { return nil }
        defer { slot.isClaimed.store(false, ordering: .releasing) }
        guard slot.state.load(ordering: .sequentiallyConsistent) == Self.active, let item = slot.item else {
            return nil
        }
        return body(item)
    }
}
