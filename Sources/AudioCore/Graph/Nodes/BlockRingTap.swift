import Synchronization

/// Passes audio through unchanged and copies each block into a `BlockRingBuffer`, for a recogniser, a recorder
/// or a test to read on another thread.
///
/// When the ring is full the block is not copied and `droppedBlockCount` goes up; the audio keeps flowing.
public final class BlockRingTap: AudioNode, Sendable {
    /// The ring the tap writes; the tap is its only producer.
    public let ring: BlockRingBuffer<Float>

    private let droppedBlocks = Atomic<Int>(0)

    /// Makes a tap that writes into `ring`, whose blocks must match the graph's block sample count.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: BlockRingBuffer<Float>) {
        self.ring = ring
    }

    /// Blocks not copied because the ring was full.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var droppedBlockCount: Int { self.droppedBlocks.load(ordering: .relaxed) }

    /// Checks that a block of the graph fills exactly one block of the ring.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioGraphError.blockSizeMismatch` when the sizes differ.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(AudioGraphError) {
        let sampleCount = format.sampleCount(frameCount: maximumFrameCount)
        guard sampleCount == self.ring.blockSampleCount else {
            throw .blockSizeMismatch(
                node: "BlockRingTap", graphSampleCount: sampleCount, nodeSampleCount: self.ring.blockSampleCount)
        }
    }

    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let sampleCount = context.sampleCount
        output.baseAddress!.update(from: input.baseAddress!, count: sampleCount)
        let written = self.ring.withUnsafeWritableRegions { first, _ in
            guard !first.isEmpty else { return 0 }
            // A short block (fewer frames than the ring's block) is padded with silence.
            let block = first[block: 0]
            block.baseAddress!.update(from: input.baseAddress!, count: sampleCount)
            UnsafeMutableBufferPointer(rebasing: block[sampleCount...]).update(repeating: 0)
            return 1
        }
        if written == 0 {
            // Relaxed: a statistic; nothing is ordered by it.
            self.droppedBlocks.add(1, ordering: .relaxed)
        }
    }
}
