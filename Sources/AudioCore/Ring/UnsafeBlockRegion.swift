/// A run of whole blocks in writable memory lent by `BlockRingBuffer` or `BlockPool`.
///
/// Valid only inside the closure that lent it.
public struct UnsafeMutableBlockRegion<Sample: BitwiseCopyable> {
    /// Every sample of every block, back to back.
    public let samples: UnsafeMutableBufferPointer<Sample>

    /// Samples in each block.
    public let blockSampleCount: Int

    /// Wraps `samples`, whose count must be a multiple of `blockSampleCount`.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public init(samples: UnsafeMutableBufferPointer<Sample>, blockSampleCount: Int) {
        self.samples = samples
        self.blockSampleCount = blockSampleCount
    }

    /// Whole blocks in the region.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public var blockCount: Int { self.samples.count / self.blockSampleCount }

    /// Whether the region holds no blocks.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public var isEmpty: Bool { self.samples.isEmpty }

    /// The samples of the block at `index`, counted from the start of the region.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(block index: Int) -> UnsafeMutableBufferPointer<Sample> {
        precondition(index >= 0 && index < self.blockCount, "block \(index) is outside a region of \(self.blockCount)")
        return UnsafeMutableBufferPointer(
            rebasing: self.samples[(index * self.blockSampleCount)..<((index + 1) * self.blockSampleCount)])
    }
}

/// A run of whole blocks in read-only memory lent by `BlockRingBuffer`.
///
/// Valid only inside the closure that lent it.
public struct UnsafeBlockRegion<Sample: BitwiseCopyable> {
    /// Every sample of every block, back to back.
    public let samples: UnsafeBufferPointer<Sample>

    /// Samples in each block.
    public let blockSampleCount: Int

    /// A read-only view of `region`.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public init(_ region: UnsafeMutableBlockRegion<Sample>) {
        self.samples = UnsafeBufferPointer(region.samples)
        self.blockSampleCount = region.blockSampleCount
    }

    /// Whole blocks in the region.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public var blockCount: Int { self.samples.count / self.blockSampleCount }

    /// Whether the region holds no blocks.
    ///
    /// Real-time safe: no locks, no allocation.
    @inlinable
    public var isEmpty: Bool { self.samples.isEmpty }

    /// The samples of the block at `index`, counted from the start of the region.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(block index: Int) -> UnsafeBufferPointer<Sample> {
        precondition(index >= 0 && index < self.blockCount, "block \(index) is outside a region of \(self.blockCount)")
        return UnsafeBufferPointer(
            rebasing: self.samples[(index * self.blockSampleCount)..<((index + 1) * self.blockSampleCount)])
    }
}
