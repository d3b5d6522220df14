/// A fixed-capacity single-producer/single-consumer FIFO of plain values (samples, bytes, block handles).
///
/// One thread writes and one thread reads, each without locks or allocation, so an audio thread can sit on either
/// end. The capacity is a power of two: a requested capacity is rounded up, and `capacity` says what you got.
/// Storage is allocated once, in `init`, and never again; when the ring is full a write stores what fits and
/// says how many elements that was, and when it is empty a read says it found none.
///
/// Write in place with `withUnsafeWritableRegions(_:)` and read in place with `withUnsafeReadableRegions(_:)`: each
/// hands the caller the free (or filled) part of the storage as two buffers, the run up to the end of storage and
/// the run that wraps to the start, so a device callback or codec can fill or drain the ring without a copy.
/// `tryWrite(_:)` and `tryRead(into:)` copy instead.
///
/// For fixed-size blocks of samples use `BlockRingBuffer`, which moves whole blocks only.
///
/// Which thread may call what: exactly one thread at a time may call the producer methods (`tryWrite`,
/// `withUnsafeWritableRegions`) and exactly one the consumer methods (`tryRead`, `withUnsafeReadableRegions`). The
/// roles may move to another thread only with a synchronisation of their own (a thread join, a lock handover).
/// `count`, `isEmpty` and `isFull` may be read from any thread as a snapshot.
///
/// `@unchecked Sendable`: the storage is shared mutable memory, but each slot is touched by one side at a time,
/// and the acquire/release pairs on the two indices order the producer's writes before the consumer's reads of
/// the same slot and the consumer's reads before the producer's next write of it (see `RingIndices`).
public final class SPSCRingBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline
    let indices: RingIndices

    @usableFromInline
    let storage: UnsafeMutablePointer<Element>

    /// Elements the ring holds when full: the requested capacity rounded up to a power of two.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var capacity: Int { self.indices.capacity }

    /// Allocates a ring for at least `minimumCapacity` elements.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameter minimumCapacity: 1 to 2³⁰ elements; rounded up to the next power of two. Other values trap.
    /// - Complexity: O(capacity), to allocate.
    public init(minimumCapacity: Int) {
        let capacity = RingIndices.validatedCapacity(minimumCapacity: minimumCapacity)
        self.indices = RingIndices(
            capacity: capacity, slotByteCount: MemoryLayout<Element>.stride,
            slotAlignment: MemoryLayout<Element>.alignment)
        self.storage = self.indices.slotBase.bindMemory(to: Element.self, capacity: capacity)
    }

    deinit {
        self.indices.deallocate()
    }

    /// Elements written and not yet read, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; exact only when neither side is moving.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { self.indices.occupiedCount() }

    /// Whether the ring holds no elements, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isEmpty: Bool { self.count == 0 }

    /// Whether the ring has no free slot, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isFull: Bool { self.count == self.capacity }

    /// Lends the free part of the storage for writing in place, then publishes what the body says it wrote.
    ///
    /// The body gets the free slots in FIFO order as two buffers: `first` runs from the next free slot towards the
    /// end of storage, `second` continues at the start of storage (and is empty when the free run does not wrap).
    /// It writes a prefix of `first` followed, only once `first` is full, by a prefix of `second`, and returns the
    /// total count written. Both buffers are empty when the ring is full. If the body throws, nothing is published.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Parameter wanted: How many elements the caller means to write. While at least that many are
    ///   available the regions may show fewer than all of them (never fewer than `wanted`): the ring then skips
    ///   loading the consumer's index, which saves a cross-core cache miss. The default shows everything.
    /// - Parameter body: Writes elements and returns how many; returning more than `first.count + second.count`
    ///   traps.
    /// - Returns: The count the body returned.
    /// - Complexity: O(1) plus the body.
    @inlinable
    @discardableResult
    public func withUnsafeWritableRegions<Failure: Error>(
        wanting wanted: Int = .max,
        _ body: (UnsafeMutableBufferPointer<Element>, UnsafeMutableBufferPointer<Element>) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        try self.indices.lendFreeSlots(wanted: wanted) { (slot, firstCount, secondCount) throws(Failure) in
            try body(
                UnsafeMutableBufferPointer(start: self.storage + slot, count: firstCount),
                UnsafeMutableBufferPointer(start: self.storage, count: secondCount))
        }
    }

    /// Lends the filled part of the storage for reading in place, then frees what the body says it consumed.
    ///
    /// The body gets the held elements in FIFO order as two buffers: `first` from the oldest element towards the
    /// end of storage, `second` continuing at the start of storage (empty when the held run does not wrap). It
    /// returns how many elements it consumed, counted from the oldest. Both buffers are empty when the ring is
    /// empty. If the body throws, nothing is freed.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Parameter wanted: How many elements the caller means to read. While at least that many are
    ///   available the regions may show fewer than all of them (never fewer than `wanted`): the ring then skips
    ///   loading the producer's index, which saves a cross-core cache miss. The default shows everything.
    /// - Parameter body: Reads elements and returns how many to free; returning more than
    ///   `first.count + second.count` traps.
    /// - Returns: The count the body returned.
    /// - Complexity: O(1) plus the body.
    @inlinable
    @discardableResult
    public func withUnsafeReadableRegions<Failure: Error>(
        wanting wanted: Int = .max,
        _ body: (UnsafeBufferPointer<Element>, UnsafeBufferPointer<Element>) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        try self.indices.lendHeldSlots(wanted: wanted) { (slot, firstCount, secondCount) throws(Failure) in
            try body(
                UnsafeBufferPointer(start: self.storage + slot, count: firstCount),
                UnsafeBufferPointer(start: self.storage, count: secondCount))
        }
    }

    /// Copies as many elements of `source` as fit, oldest first.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Returns: How many elements were written, from 0 (full) to `source.count`.
    /// - Complexity: O(*n*), where *n* is the count written.
    @inlinable
    @discardableResult
    public func tryWrite(_ source: UnsafeBufferPointer<Element>) -> Int {
        self.withUnsafeWritableRegions(wanting: source.count) { first, second in
            let firstCount = min(first.count, source.count)
            let secondCount = min(second.count, source.count - firstCount)
            if firstCount > 0 {
                first.baseAddress!.update(from: source.baseAddress!, count: firstCount)
            }
            if secondCount > 0 {
                second.baseAddress!.update(from: source.baseAddress! + firstCount, count: secondCount)
            }
            return firstCount + secondCount
        }
    }

    /// Writes one element if there is room.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Returns: Whether the element was written; `false` when the ring is full.
    /// - Complexity: O(1).
    @inlinable
    @discardableResult
    public func tryWrite(_ element: Element) -> Bool {
        let (start, free) = self.indices.writable(wanted: 1)
        guard free > 0 else { return false }
        (self.storage + (start & self.indices.mask)).initialize(to: element)
        self.indices.commitWrite(start: start, count: 1)
        return true
    }

    /// Moves as many of the oldest elements as fit into `destination`.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Returns: How many elements were read, from 0 (empty) to `destination.count`.
    /// - Complexity: O(*n*), where *n* is the count read.
    @inlinable
    @discardableResult
    public func tryRead(into destination: UnsafeMutableBufferPointer<Element>) -> Int {
        self.withUnsafeReadableRegions(wanting: destination.count) { first, second in
            let firstCount = min(first.count, destination.count)
            let secondCount = min(second.count, destination.count - firstCount)
            if firstCount > 0 {
                destination.baseAddress!.update(from: first.baseAddress!, count: firstCount)
            }
            if secondCount > 0 {
                (destination.baseAddress! + firstCount).update(from: second.baseAddress!, count: secondCount)
            }
            return firstCount + secondCount
        }
    }

    /// Removes and returns the oldest element, or `nil` when the ring is empty.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func tryRead() -> Element? {
        let (start, held) = self.indices.readable(wanted: 1)
        guard held > 0 else { return nil }
        let element = self.storage[start & self.indices.mask]
        self.indices.commitRead(start: start, count: 1)
        return element
    }
}
