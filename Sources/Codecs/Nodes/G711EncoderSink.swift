import AudioCore

/// A graph sink that encodes each block as G.711 codes into a ring, and passes the block on unchanged.
///
/// Each block is converted to `Int16` with `SampleConversion` (rounding and clipping) and encoded with the SIMD
/// `G711.encode` straight into the ring's next free block. When the ring is full the block is not written and a
/// drop is counted; the audio keeps flowing to the next node either way.
///
/// Not `Sendable`: the node belongs to one graph; the network side keeps `ring` to read from and `droppedBlocks` to read.
public final class G711EncoderSink: AudioNode {
    /// The ring of codes the sink writes; the sink is its only producer.
    public let ring: BlockRingBuffer<UInt8>

    /// µ-law or A-law.
    public let law: G711.Law

    /// Blocks not written because the ring was full. Keep it to read from the control side.
    public let droppedBlocks = AudioPathCounter()

    private var samples = UnsafeMutableBufferPointer<Int16>(start: nil, count: 0)

    /// Makes a sink that encodes `law` codes into `ring`, whose block must be one graph block of codes.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: BlockRingBuffer<UInt8>, law: G711.Law) {
        self.ring = ring
        self.law = law
    }

    deinit {
        self.samples.deallocate()
    }

    /// Checks that the stage is 8 kHz mono in blocks of one ring block, and allocates the `Int16` block.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` for any format but 8 kHz mono, or
    ///   `AudioGraphError.blockSizeMismatch` when a graph block is not one ring block.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(AudioGraphError) {
        try G711.checkGraphStage(
            node: "G711EncoderSink", format: format, maximumFrameCount: maximumFrameCount,
            ringBlockSampleCount: self.ring.blockSampleCount,
            resamplerAdvice: "put a ResamplerNode before it to convert other rates")
        self.samples.deallocate()
        self.samples = .allocate(capacity: maximumFrameCount)
        self.samples.initialize(repeating: 0)
    }

    /// Copies `input` to `output` and encodes it into the ring's next free block.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.frameCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let frameCount = context.frameCount
        output.baseAddress!.update(from: input.baseAddress!, count: frameCount)
        let samples = UnsafeMutableBufferPointer(rebasing: self.samples[..<frameCount])
        let law = self.law
        let written = self.ring.withUnsafeWritableRegions(wanting: 1) { first, _ in
            guard !first.isEmpty else { return 0 }
            SampleConversion.convert(UnsafeBufferPointer(rebasing: input[..<frameCount]), to: samples)
            G711.encode(UnsafeBufferPointer(samples), law: law, into: first[block: 0])
            return 1
        }
        if written == 0 {
            self.droppedBlocks.increment()
        }
    }
}
