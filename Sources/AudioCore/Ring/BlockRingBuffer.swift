/// A fixed-capacity single-producer/single-consumer FIFO of whole blocks of samples.
///
/// Every slot is one block of `blockSampleCount` samples (for example one 10 ms block of 16 kHz mono audio, 160
/// `Float` samples), and blocks move whole: a reader never sees half a block. This is the ring between an audio
/// device thread and a call's graph, or between the graph and a recogniser. It keeps the guarantees of
/// `SPSCRingBuffer`: no locks, no allocation after `init`, power-of-two block capacity (a requested capacity is
/// rounded up), and writes that report how many blocks fitted.
///
/// Which thread may call what: one producer thread (`tryWrite`, `withUnsafeWritableRegions`) and one consumer
/// thread (`tryRead`, `withUnsafeReadableRegions`) at a time; `blockCount`, `isEmpty` and `isFull` from any thread.
///
/// `@unchecked Sendable`: the storage is shared mutable memory, but each block is touched by one side at a time,
/// ordered by the acquire/release pairs on the two indices (see `RingIndices`).
public final class BlockRingBuffer<Sample: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline
    let indices: RingIndices

    @usableFromInline
    let storage: UnsafeMutablePointer<Sample>

    /// Samples in each block: frames per block times channels.
    public let blockSampleCount: Int

    /// Blocks the ring holds when full: the requested capacity rounded up to a power of two.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var blockCapacity: Int { self.indices.capacity }

    /// Allocates a ring for at least `minimumBlockCapacity` blocks of `blockSampleCount` samples each.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - minimumBlockCapacity: 1 to 2³⁰ blocks; rounded up to the next power of two. Other values trap.
    ///   - blockSampleCount: Samples per block, at least 1.
    /// - Complexity: O(blockCapacity × blockSampleCount), to allocate.
    public init(minimumBlockCapacity: Int, blockSampleCount: Int) {
        precondition(blockSampleCount >= 1, "a block holds at least one sample, not \(blockSampleCount)")
        let blockCapacity = RingIndices.validatedCapacity(minimumCapacity: minimumBlockCapacity)
        let (blockByteCount, overflows) = blockSampleCount.multipliedReportingOverflow(
            by: MemoryLayout<Sample>.stride)
        precondition(
            !overflows && !blockByteCount.multipliedReportingOverflow(by: blockCapacity).overflow,
            "a ring of \(blockCapacity) blocks of \(blockSampleCount) samples does not fit in memory")
        self.blockSampleCount = blockSampleCount
        self.indices = RingIndices(
            capacity: blockCapacity, slotByteCount: blockByteCount, slotAlignment: MemoryLayout<Sample>.alignment)
        self.storage = self.indices.slotBase.bindMemory(to: Sample.self, capacity: blockCapacity * blockSampleCount)
    }

    /// Allocates a ring for at least `minimumBlockCapacity` blocks of `layout`.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Complexity: O(blockCapacity × layout.sampleCount), to allocate.
    public convenience init(minimumBlockCapacity: Int, layout: BlockLayout) {
        self.init(minimumBlockCapacity: minimumBlockCapacity, blockSampleCount: layout.sampleCount)
    }

    deinit {
        self.indices.deallocate()
    }

    /// Blocks written and not yet read, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; exact only when neither side is moving.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var blockCount: Int { self.indices.occupiedCount() }

    /// Whether the ring holds no blocks, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isEmpty: Bool { self.blockCount == 0 }

    /// Whether the ring has no free block, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isFull: Bool { self.blockCount == self.blockCapacity }

    @inlinable
    func region(slot: Int, blockCount: Int) -> UnsafeMutableBlockRegion<Sample> {
        UnsafeMutableBlockRegion(
            samples: UnsafeMutableBufferPointer(
                start: self.storage + slot * self.blockSampleCount, count: blockCount * self.blockSampleCount),
            blockSampleCount: self.blockSampleCount)
    }

    /// Lends the free blocks for writing in place, then publishes the blocks the body says it filled.
    ///
    /// `first` runs from the next free block towards the end of storage, `second` continues at the start of
    /// storage (empty when the free run does not wrap). The body fills whole blocks, a prefix of `first` and then
    /// of `second`, and returns how many blocks it filled. Both regions are empty when the ring is full. If the body
    /// throws, nothing is published.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Parameter wanted: How many blocks the caller means to write. While at least that many are
    ///   available the regions may show fewer than all of them (never fewer than `wanted`): the ring then skips
    ///   loading the consumer's index, which saves a cross-core cache miss. The default shows everything.
    /// - Parameter body: Fills blocks and returns how many; returning more than the two regions hold traps.
    /// - Returns: The block count the body returned.
    /// - Complexity: O(1) plus the body.
    @inlinable
    @discardableResult
    public func withUnsafeWritableRegions<Failure: Error>(
        wanting wanted: Int = .max,
        _ body: (UnsafeMutableBlockRegion<Sample>, UnsafeMutableBlockRegion<Sample>) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        try self.indices.lendFreeSlots(wanted: wanted) { (slot, firstCount, secondCount) throws(Failure) in
            try body(self.region(slot: slot, blockCount: firstCount), self.region(slot: 0, blockCount: secondCount))
        }
    }

    /// Lends the held blocks for reading in place, then frees the blocks the body says it consumed.
    ///
    /// `first` runs from the oldest block towards the end of storage, `second` continues at the start of storage
    /// (empty when the held run does not wrap). The body returns how many blocks it consumed, oldest first. Both
    /// regions are empty when the ring is empty. If the body throws, nothing is freed.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Parameter wanted: How many blocks the caller means to read. While at least that many are
    ///   available the regions may show fewer than all of them (never fewer than `wanted`): the ring then skips
    ///   loading the producer's index, which saves a cross-core cache miss. The default shows everything.
    /// - Parameter body: Reads blocks and returns how many to free; returning more than the two regions hold
    ///   traps.
    /// - Returns: The block count the body returned.
    /// - Complexity: O(1) plus the body.
    @inlinable
    @discardableResult
    public func withUnsafeReadableRegions<Failure: Error>(
        wanting wanted: Int = .max,
        _ body: (UnsafeBlockRegion<Sample>, UnsafeBlockRegion<Sample>) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        try self.indices.lendHeldSlots(wanted: wanted) { (slot, firstCount, secondCount) throws(Failure) in
            try body(
                UnsafeBlockRegion(self.region(slot: slot, blockCount: firstCount)),
                UnsafeBlockRegion(self.region(slot: 0, blockCount: secondCount)))
        }
    }

    /// Copies as many whole blocks of `source` as fit, oldest first.
    ///
    /// Real-time safe: no locks, no allocation. Producer thread only.
    ///
    /// - Parameter source: Whole blocks back to back; a count that is not a multiple of `blockSampleCount` traps.
    /// - Returns: How many blocks were written, from 0 (full) to `source.count / blockSampleCount`.
    /// - Complexity: O(*n*), where *n* is the count of samples written.
    @inlinable
    @discardableResult
    public func tryWrite(blocks source: UnsafeBufferPointer<Sample>) -> Int {
        precondition(
            source.count % self.blockSampleCount == 0,
            "source holds \(source.count) samples, not whole blocks of \(self.blockSampleCount)")
        let sourceBlockCount = source.count / self.blockSampleCount
        return self.withUnsafeWritableRegions(wanting: sourceBlockCount) { first, second in
            let firstCount = min(first.blockCount, sourceBlockCount)
            let secondCount = min(second.blockCount, sourceBlockCount - firstCount)
            let firstSampleCount = firstCount * self.blockSampleCount
            if firstCount > 0 {
                first.samples.baseAddress!.update(from: source.baseAddress!, count: firstSampleCount)
            }
            if secondCount > 0 {
                second.samples.baseAddress!.update(
                    from: source.baseAddress! + firstSampleCount, count: secondCount * self.blockSampleCount)
            }
            return firstCount + secondCount
        }
    }

    /// Moves as many of the oldest blocks as fit into `destination`.
    ///
    /// Real-time safe: no locks, no allocation. Consumer thread only.
    ///
    /// - Parameter destination: Room for whole blocks; samples past the last whole block are left untouched.
    /// - Returns: How many blocks were read, from 0 (empty) to `destination.count / blockSampleCount`.
    /// - Complexity: O(*n*), where *n* is the count of samples read.
    @inlinable
    @discardableResult
    public func tryRead(blocksInto destination: UnsafeMutableBufferPointer<Sample>) -> Int {
        let destinationBlockCount = destination.count / self.blockSampleCount
        return self.withUnsafeReadableRegions(wanting: destinationBlockCount) { first, second in
            let firstCount = min(first.blockCount, destinationBlockCount)
            let secondCount = min(second.blockCount, destinationBlockCount - firstCount)
            let firstSampleCount = firstCount * self.blockSampleCount
            if firstCount > 0 {
                destination.baseAddress!.update(from: first.samples.baseAddress!, count: firstSampleCount)
            }
            if secondCount > 0 {
                (destination.baseAddress! + firstSampleCount).update(
                    from: second.samples.baseAddress!, count: secondCount * self.blockSampleCount)
            }
            return firstCount + secondCount
        }
    }
}
