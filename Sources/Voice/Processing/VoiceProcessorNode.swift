import AudioCore

/// Runs a call's `VoiceProcessor` as one node of the capture graph.
///
/// Each block the node copies its input to its output and processes it in place. With a far-end ring, it first
/// takes at most one block of the agent's outgoing audio from the ring and hands it to the echo canceller; the
/// playback side writes one block there per block played (a `BlockRingTap` in the playback graph does that). An
/// empty ring means the agent is silent and is not an error.
///
/// The node is not `Sendable`: the graph owns it. Keep the `VoiceProcessor` (which is) to read its counters and
/// echo metrics from the control thread.
public final class VoiceProcessorNode: AudioNode {
    /// The processor the node runs.
    public let processor: VoiceProcessor

    /// Where the agent's outgoing blocks arrive, if the echo canceller is fed.
    public let farEnd: BlockRingBuffer<Float>?

    private var farBlock: UnsafeMutableBufferPointer<Float>

    /// Wraps `processor`, fed from `farEnd` when given.
    ///
    /// Not real-time safe: control thread only.
    public init(processor: VoiceProcessor, farEnd: BlockRingBuffer<Float>? = nil) {
        self.processor = processor
        self.farEnd = farEnd
        self.farBlock = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    deinit {
        self.farBlock.deallocate()
    }

    /// Checks that the graph runs the processor's format in 10 ms blocks and allocates the far-end scratch block.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `VoiceProcessingError.unsupportedSampleRate` or `.unsupportedChannelCount` when the graph's
    ///   format is not the processor's, `.blockLengthMismatch` when its block is not 10 ms or the far-end ring's
    ///   blocks differ.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(VoiceProcessingError) {
        guard format.channelCount == 1 else { throw .unsupportedChannelCount(format.channelCount) }
        guard format.sampleRate == self.processor.format.sampleRate else {
            throw .unsupportedSampleRate(format.sampleRate)
        }
        let frameCount = self.processor.frameCount
        guard maximumFrameCount == frameCount else {
            throw .blockLengthMismatch(expectedFrameCount: frameCount, actualFrameCount: maximumFrameCount)
        }
        if let farEnd = self.farEnd, farEnd.blockSampleCount != frameCount {
            throw .blockLengthMismatch(expectedFrameCount: frameCount, actualFrameCount: farEnd.blockSampleCount)
        }
        if self.farBlock.count != frameCount {
            self.farBlock.deallocate()
            self.farBlock = .allocate(capacity: frameCount)
            self.farBlock.initialize(repeating: 0)
        }
    }

    /// Feeds the far-end block, if one waits, then processes the capture block.
    ///
    /// Real-time safe: no allocation, no logging (webrtc takes uncontended locks inside). Rendering thread only.
    ///
    /// - Complexity: O(context.frameCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        if let farEnd = self.farEnd, farEnd.tryRead(blocksInto: self.farBlock) == 1 {
            self.processor.analyzeRender(UnsafeBufferPointer(self.farBlock))
        }
        let sampleCount = context.sampleCount
        for index in 0..<sampleCount {
            output[index] = input[index]
        }
        self.processor.processCapture(UnsafeMutableBufferPointer(rebasing: output[0..<sampleCount]))
    }
}
