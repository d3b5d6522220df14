import Synchronization

/// A fixed set of preallocated sample blocks, handed out and taken back without locks or allocation.
///
/// A stage that needs a block to fill (a decoder, a device callback) takes one with `tryAcquire()`, fills it
/// through `unsafeSamples(of:)`, and passes the small `Block` handle on, for example through an
/// `SPSCRingBuffer<BlockPool.Block>`; whoever finishes with it calls `release(_:)`. Every block is allocated in
/// `init`; when all are out, `tryAcquire()` returns `nil` and counts the miss in `exhaustionCount`, so the control
/// side can report it instead of the audio path stopping.
///
/// Any number of threads may acquire and release at once: the free list is a lock-free stack (a Treiber stack)
/// whose head carries a tag, bumped on every change, that defeats the ABA problem.
///
/// `@unchecked Sendable`: the sample storage is shared mutable memory, but a block belongs to one holder between
/// its acquire and its release, and the acquiring/releasing exchanges on the free-list head order the previous
/// holder's accesses before the next holder's.
public final class BlockPool<Sample: BitwiseCopyable>: @unchecked Sendable {
    /// A handle to one block of the pool that made it.
    public struct Block: Hashable, Sendable, BitwiseCopyable {
        /// The block's position in its pool, `0..<blockCapacity`.
        public let index: Int

        init(index: Int) {
            self.index = index
        }
    }

    /// Blocks in the pool.
    public let blockCapacity: Int

    /// Samples in each block.
    public let blockSampleCount: Int

    private let storage: UnsafeMutablePointer<Sample>

    /// For each free block, one more than the index of the next free block (0 ends the list).
    private let nextFree: UnsafeMutablePointer<Atomic<UInt32>>

    /// Whether each block is out; catches a block released twice.
    private let isAcquired: UnsafeMutablePointer<Atomic<Bool>>

    /// The free list's top: the low 32 bits hold one more than the top block's index (0 when empty), the high 32
    /// bits a tag that changes on every push and pop.
    private let head = Atomic<UInt64>(0)

    private let freeCount: Atomic<Int>
    private let exhaustions = Atomic<Int>(0)

    /// Allocates `blockCapacity` blocks of `blockSampleCount` samples, all free and zeroed.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - blockCapacity: 1 to 2³⁰ blocks; other values trap.
    ///   - blockSampleCount: Samples per block, at least 1.
    /// - Complexity: O(blockCapacity × blockSampleCount).
    public init(blockCapacity: Int, blockSampleCount: Int) {
        precondition(
            blockCapacity >= 1 && blockCapacity <= 1 << 30, "a pool holds 1 to 2^30 blocks, not \(blockCapacity)")
        precondition(blockSampleCount >= 1, "a block holds at least one sample, not \(blockSampleCount)")
        let (sampleCount, overflows) = blockCapacity.multipliedReportingOverflow(by: blockSampleCount)
        precondition(!overflows, "a pool of \(blockCapacity) blocks of \(blockSampleCount) samples does not fit")
        self.blockCapacity = blockCapacity
        self.blockSampleCount = blockSampleCount

        self.storage = .allocate(capacity: sampleCount)
        UnsafeMutableRawPointer(self.storage).initializeMemory(
            as: UInt8.self, repeating: 0, count: sampleCount * MemoryLayout<Sample>.stride)

        // Block i links to block i + 1, so the first acquires hand out blocks in index order.
        self.nextFree = .allocate(capacity: blockCapacity)
        self.isAcquired = .allocate(capacity: blockCapacity)
        for index in 0..<blockCapacity {
            (self.nextFree + index).initialize(to: Atomic(index + 1 < blockCapacity ? UInt32(index + 2) : 0))
            (self.isAcquired + index).initialize(to: Atomic(false))
        }
        self.head.store(1, ordering: .relaxed)
        self.freeCount = Atomic(blockCapacity)
    }

    /// Allocates `blockCapacity` blocks of `layout`, all free and zeroed.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Complexity: O(blockCapacity × layout.sampleCount).
    public convenience init(blockCapacity: Int, layout: BlockLayout) {
        self.init(blockCapacity: blockCapacity, blockSampleCount: layout.sampleCount)
    }

    deinit {
        self.nextFree.deinitialize(count: self.blockCapacity)
        self.isAcquired.deinitialize(count: self.blockCapacity)
        self.nextFree.deallocate()
        self.isAcquired.deallocate()
        self.storage.deallocate()
    }

    /// Free blocks, as a snapshot.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    public var availableBlockCount: Int { self.freeCount.load(ordering: .relaxed) }

    /// How many times `tryAcquire()` found no free block since the pool was made.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    ///
    /// - Complexity: O(1).
    public var exhaustionCount: Int { self.exhaustions.load(ordering: .relaxed) }

    /// Takes a free block, or returns `nil` and counts an exhaustion when every block is out.
    ///
    /// The block keeps whatever samples its last holder left; clear it if that matters.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; lock-free.
    ///
    /// - Complexity: O(1), plus a retry for each concurrent acquire or release that wins the race.
    public func tryAcquire() -> Block? {
        // Acquire: pairs with the releasing exchange in `release(_:)`, so the link of the top block and the last
        // holder's sample accesses are visible before this thread uses the block.
        var head = self.head.load(ordering: .acquiring)
        while true {
            let top = Int(head & 0xFFFF_FFFF)
            guard top != 0 else {
                // Relaxed: a statistic; nothing is ordered by it.
                self.exhaustions.add(1, ordering: .relaxed)
                return nil
            }
            // Relaxed: a stale link (the block was taken and returned meanwhile) is caught by the tag below.
            let next = UInt64(self.nextFree[top - 1].load(ordering: .relaxed))
            let (exchanged, current) = self.head.compareExchange(
                expected: head, desired: Self.tagged(after: head, top: next),
                successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            if exchanged {
                let block = Block(index: top - 1)
                self.isAcquired[block.index].store(true, ordering: .relaxed)
                self.freeCount.subtract(1, ordering: .relaxed)
                return block
            }
            head = current
        }
    }

    /// Returns a block to the pool.
    ///
    /// Releasing a block that is not out (released twice, or never acquired) traps.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; lock-free.
    ///
    /// - Complexity: O(1), plus a retry for each concurrent acquire or release that wins the race.
    public func release(_ block: Block) {
        precondition(block.index >= 0 && block.index < self.blockCapacity, "block \(block.index) is not in this pool")
        // Relaxed: the flag only catches misuse; the head exchange orders the sample memory.
        let wasAcquired = self.isAcquired[block.index].exchange(false, ordering: .relaxed)
        precondition(wasAcquired, "block \(block.index) was released while not acquired")

        var head = self.head.load(ordering: .relaxed)
        while true {
            // Relaxed: the releasing exchange below publishes this link with the block.
            self.nextFree[block.index].store(UInt32(head & 0xFFFF_FFFF), ordering: .relaxed)
            let (exchanged, current) = self.head.compareExchange(
                expected: head, desired: Self.tagged(after: head, top: UInt64(block.index + 1)),
                successOrdering: .acquiringAndReleasing, failureOrdering: .relaxed)
            if exchanged {
                self.freeCount.add(1, ordering: .relaxed)
                return
            }
            head = current
        }
    }

    /// The samples of `block`, valid while you hold the block and the pool is alive.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    public func unsafeSamples(of block: Block) -> UnsafeMutableBufferPointer<Sample> {
        precondition(block.index >= 0 && block.index < self.blockCapacity, "block \(block.index) is not in this pool")
        return UnsafeMutableBufferPointer(
            start: self.storage + block.index * self.blockSampleCount, count: self.blockSampleCount)
    }

    /// A new head word with `top` and the tag after `head`'s.
    private static func tagged(after head: UInt64, top: UInt64) -> UInt64 {
        ((head >> 32) &+ 1) << 32 | top
    }
}
