import AudioCore

/// A graph source that plays G.711 codes from a ring: one ring block of codes per graph block, decoded with the
/// SIMD `G711.decode` and converted to `Float` with `SampleConversion`.
///
/// The graph runs at 8 kHz mono, G.711's only format; put a `ResamplerNode` after this source to reach 16 kHz.
/// The ring's block holds one graph block of codes (80 codes for 10 ms). When the ring is empty the source plays
/// silence and counts an underrun.
///
/// Not `Sendable`: the node belongs to one graph; the network side keeps `ring` to write into and `underruns` to read.
public final class G711DecoderSource: AudioNode {
    /// The ring of codes the source reads; the source is its only consumer.
    public let ring: BlockRingBuffer<UInt8>

    /// µ-law or A-law.
    public let law: G711.Law

    /// Blocks played as silence because the ring was empty. Keep it to read from the control side.
    public let underruns = AudioPathCounter()

    private var samples = UnsafeMutableBufferPointer<Int16>(start: nil, count: 0)

    /// Makes a source that decodes `law` codes from `ring`, whose block must be one graph block of codes.
    ///
    /// Not real-time safe: control thread only.
    public init(ring: BlockRingBuffer<UInt8>, law: G711.Law) {
        self.ring = ring
        self.law = law
    }

    deinit {
        self.samples.deallocate()
    }

    /// Checks that the stage is 8 kHz mono in blocks of one ring block, and allocates the decoded block.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` for any format but 8 kHz mono, or
    ///   `AudioGraphError.blockSizeMismatch` when a graph block is not one ring block.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(AudioGraphError) {
        try G711.checkGraphStage(
            node: "G711DecoderSource", format: format, maximumFrameCount: maximumFrameCount,
            ringBlockSampleCount: self.ring.blockSampleCount,
            resamplerAdvice: "put a ResamplerNode after it for other rates")
        self.samples.deallocate()
        self.samples = .allocate(capacity: maximumFrameCount)
        self.samples.initialize(repeating: 0)
    }

    /// Decodes the oldest ring block into `output`, or plays silence when there is none.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.outputFrameCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let frameCount = context.outputFrameCount
        let samples = UnsafeMutableBufferPointer(rebasing: self.samples[..<frameCount])
        let law = self.law
        let read = self.ring.withUnsafeReadableRegions(wanting: 1) { first, _ in
            guard !first.isEmpty else { return 0 }
            G711.decode(UnsafeBufferPointer(rebasing: first[block: 0][..<frameCount]), law: law, into: samples)
            return 1
        }
        if read == 0 {
            output.update(repeating: 0)
            self.underruns.increment()
            return
        }
        SampleConversion.convert(UnsafeBufferPointer(samples), to: output)
    }
}
