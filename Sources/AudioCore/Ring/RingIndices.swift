import Synchronization

/// The two free-running indices of a single-producer/single-consumer ring, each alone on its own cache lines.
///
/// The producer owns `writeIndex`, the consumer owns `readIndex`. Both count slots forever (wrapping at `Int`
/// overflow, which the arithmetic tolerates) and are masked to a slot only when storage is addressed, so "full"
/// and "empty" are told apart without a spare slot: the ring holds `writeIndex - readIndex` slots.
///
/// The indices live in one allocation aligned to 128 bytes, one index per 128-byte stretch. Intel cores fetch cache
/// lines in adjacent pairs, so 64 bytes apart would still let the producer's stores evict the consumer's line.
/// Each side also keeps, in a stretch of its own, the last value it loaded of the other side's index: while that
/// stale value already shows room for what it asks for, it does not touch the other side's line at all, which
/// saves a cross-core cache miss on most calls. The slot storage starts after the four stretches, so element
/// writes never share a line with an index either.
@usableFromInline
struct RingIndices {
    /// Bytes between the two indices and from the second index to the slot storage.
    @usableFromInline
    static let stride = 128

    /// Bytes before the slot storage.
    @usableFromInline
    static let headerByteCount = 4 * stride

    /// The start of the shared allocation: the write index, the read index, the producer's copy of the read
    /// index, the consumer's copy of the write index, then the slots.
    @usableFromInline
    let base: UnsafeMutableRawPointer

    /// Slots in the ring, a power of two.
    @usableFromInline
    let capacity: Int

    /// `capacity - 1`: masks a free-running index to a slot.
    @usableFromInline
    let mask: Int

    /// The largest capacity a ring accepts, so that every byte count stays far from overflow.
    static let maximumCapacity = 1 << 30

    /// Allocates the indices and storage for `capacity` slots of `slotByteCount` bytes each.
    ///
    /// Not real-time safe: allocates.
    ///
    /// - Parameter capacity: A power of two from `validatedCapacity(minimumCapacity:)`.
    init(capacity: Int, slotByteCount: Int, slotAlignment: Int) {
        self.capacity = capacity
        self.mask = capacity - 1
        self.base = UnsafeMutableRawPointer.allocate(
            byteCount: Self.headerByteCount + capacity * slotByteCount,
            alignment: max(Self.stride, slotAlignment))
        // Zeroing the slots touches every page now, so the audio thread never takes a page fault on first use,
        // and a writable region never exposes stale bytes.
        (self.base + Self.headerByteCount).initializeMemory(
            as: UInt8.self, repeating: 0, count: capacity * slotByteCount)
        self.base.bindMemory(to: Atomic<Int>.self, capacity: 1).initialize(to: Atomic(0))
        (self.base + Self.stride).bindMemory(to: Atomic<Int>.self, capacity: 1).initialize(to: Atomic(0))
        (self.base + 2 * Self.stride).bindMemory(to: Int.self, capacity: 1).initialize(to: 0)
        (self.base + 3 * Self.stride).bindMemory(to: Int.self, capacity: 1).initialize(to: 0)
    }

    /// The capacity a ring gets when asked for `minimumCapacity` slots: the next power of two.
    ///
    /// Traps when `minimumCapacity` is below 1 or above `maximumCapacity`.
    static func validatedCapacity(minimumCapacity: Int) -> Int {
        precondition(
            minimumCapacity >= 1 && minimumCapacity <= Self.maximumCapacity,
            "ring capacity must be 1 to \(Self.maximumCapacity) slots, not \(minimumCapacity)")
        return Self.powerOfTwo(atLeast: minimumCapacity)
    }

    /// The smallest power of two at or above `count`.
    static func powerOfTwo(atLeast count: Int) -> Int {
        count <= 1 ? 1 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
    }

    /// Frees the allocation. Call once, from the owner's `deinit`.
    func deallocate() {
        self.base.deallocate()
    }

    /// The first byte of slot storage.
    @inlinable
    var slotBase: UnsafeMutableRawPointer { self.base + Self.headerByteCount }

    @inlinable
    var writeIndex: UnsafeMutablePointer<Atomic<Int>> {
        self.base.assumingMemoryBound(to: Atomic<Int>.self)
    }

    @inlinable
    var readIndex: UnsafeMutablePointer<Atomic<Int>> {
        (self.base + Self.stride).assumingMemoryBound(to: Atomic<Int>.self)
    }

    /// The producer's last loaded value of the read index. Producer thread only: a plain variable.
    @inlinable
    var producerCopyOfReadIndex: UnsafeMutablePointer<Int> {
        (self.base + 2 * Self.stride).assumingMemoryBound(to: Int.self)
    }

    /// The consumer's last loaded value of the write index. Consumer thread only: a plain variable.
    @inlinable
    var consumerCopyOfWriteIndex: UnsafeMutablePointer<Int> {
        (self.base + 3 * Self.stride).assumingMemoryBound(to: Int.self)
    }

    /// Slots currently held, as seen from any thread; exact only when neither side is moving.
    @inlinable
    func occupiedCount() -> Int {
        // Acquire on both so the pair is no older than what either side has published; the read index is loaded
        // first, so a concurrent write can only make the answer larger, never negative.
        let read = self.readIndex.pointee.load(ordering: .acquiring)
        let write = self.writeIndex.pointee.load(ordering: .acquiring)
        return write &- read
    }

    /// Producer side: the free-running index of the first free slot and how many slots are free.
    ///
    /// The count is exact when it is below `wanted`; at or above it, it may be an older, smaller count, since
    /// the consumer's index is then not loaded at all.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func writable(wanted: Int = .max) -> (start: Int, count: Int) {
        // Relaxed: only the producer stores the write index, so it always sees its own latest value.
        let write = self.writeIndex.pointee.load(ordering: .relaxed)
        // The copy was itself loaded with acquire ordering, so the consumer had finished reading every slot it
        // counts as free; a stale copy only undercounts the free slots.
        var read = self.producerCopyOfReadIndex.pointee
        if self.capacity - (write &- read) < wanted {
            // Acquire: pairs with the consumer's releasing store in `commitRead`, so the consumer's reads of the
            // slots it freed happen before the producer overwrites them.
            read = self.readIndex.pointee.load(ordering: .acquiring)
            self.producerCopyOfReadIndex.pointee = read
        }
        return (write, self.capacity - (write &- read))
    }

    /// Producer side: publishes `count` slots filled from `start`.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func commitWrite(start: Int, count: Int) {
        // Release: the slot writes before this store become visible to a consumer that acquires the new index.
        self.writeIndex.pointee.store(start &+ count, ordering: .releasing)
    }

    /// Consumer side: the free-running index of the oldest held slot and how many slots are held.
    ///
    /// The count is exact when it is below `wanted`; at or above it, it may be an older, smaller count, since
    /// the producer's index is then not loaded at all.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func readable(wanted: Int = .max) -> (start: Int, count: Int) {
        // Relaxed: only the consumer stores the read index, so it always sees its own latest value.
        let read = self.readIndex.pointee.load(ordering: .relaxed)
        // The copy was itself loaded with acquire ordering, so every slot it counts as held was already
        // written; a stale copy only undercounts the held slots.
        var write = self.consumerCopyOfWriteIndex.pointee
        if write &- read < wanted {
            // Acquire: pairs with the producer's releasing store in `commitWrite`, so the slot contents written
            // before that store are visible here.
            write = self.writeIndex.pointee.load(ordering: .acquiring)
            self.consumerCopyOfWriteIndex.pointee = write
        }
        return (read, write &- read)
    }

    /// Consumer side: frees `count` slots read from `start`.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func commitRead(start: Int, count: Int) {
        // Release: the slot reads before this store are finished before a producer that acquires the new index
        // may overwrite those slots.
        self.readIndex.pointee.store(start &+ count, ordering: .releasing)
    }

    /// Producer side: lends the free slots to `body` as (first slot, first run, second run), then publishes the
    /// count it returns. Both rings' writable-region calls are this plus their own view of the storage.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func lendFreeSlots<Failure: Error>(
        wanted: Int, _ body: (_ slot: Int, _ firstCount: Int, _ secondCount: Int) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        let (start, free) = self.writable(wanted: wanted)
        let (slot, firstCount, secondCount) = self.split(start: start, count: free)
        let written = try body(slot, firstCount, secondCount)
        precondition(written >= 0 && written <= free, "wrote more slots than the ring had free")
        if written > 0 {
            self.commitWrite(start: start, count: written)
        }
        return written
    }

    /// Consumer side: lends the held slots to `body` as (first slot, first run, second run), then frees the
    /// count it returns.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    func lendHeldSlots<Failure: Error>(
        wanted: Int, _ body: (_ slot: Int, _ firstCount: Int, _ secondCount: Int) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        let (start, held) = self.readable(wanted: wanted)
        let (slot, firstCount, secondCount) = self.split(start: start, count: held)
        let consumed = try body(slot, firstCount, secondCount)
        precondition(consumed >= 0 && consumed <= held, "consumed more slots than the ring held")
        if consumed > 0 {
            self.commitRead(start: start, count: consumed)
        }
        return consumed
    }

    /// Splits `count` slots from free-running index `start` into the run before the end of storage and the run
    /// that wraps to slot 0, as (first slot, first count, second count).
    @inlinable
    func split(start: Int, count: Int) -> (slot: Int, firstCount: Int, secondCount: Int) {
        let slot = start & self.mask
        let firstCount = min(count, self.capacity - slot)
        return (slot, firstCount, count - firstCount)
    }
}
