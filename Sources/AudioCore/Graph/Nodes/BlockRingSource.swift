import Synchronization

/// Feeds the graph from a `BlockRingBuffer` that another thread fills (a device capture thread, a decoder),
/// ignoring its input.
///
/// When the ring is empty the node outputs silence and `underrunCount` goes up.
public final class BlockRingSource: AudioNode, Sendable {
    /// The ring the source reads; the source is its only consumer.
    public let ring: BlockRingBuffer<Float>

    private let underruns = Atomic<Int>(0)

    /// Makes a source that reads from `ring`, whose blocks must match the graph's block sample count.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: BlockRingBuffer<Float>) {
        self.ring = ring
    }

    /// Blocks output as silence because the ring was empty.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var underrunCount: Int { self.underruns.load(ordering: .relaxed) }

    /// Checks that a block of the graph is exactly one block of the ring.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioGraphError.blockSizeMismatch` when the sizes differ.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(AudioGraphError) {
        let sampleCount = format.sampleCount(frameCount: maximumFrameCount)
        guard sampleCount == self.ring.blockSampleCount else {
            throw .blockSizeMismatch(
                node: "BlockRingSource", graphSampleCount: sampleCount, nodeSampleCount: self.ring.blockSampleCount)
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
        let read = self.ring.withUnsafeReadableRegions { first, _ in
            guard !first.isEmpty else { return 0 }
            output.baseAddress!.update(from: first[block: 0].baseAddress!, count: sampleCount)
            return 1
        }
        if read == 0 {
            UnsafeMutableBufferPointer(rebasing: output[..<sampleCount]).update(repeating: 0)
            // Relaxed: a statistic; nothing is ordered by it.
            self.underruns.add(1, ordering: .relaxed)
        }
    }
}
