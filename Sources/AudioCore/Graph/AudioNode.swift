/// One processing step of an audio graph: a source, an effect, a tap or a sink.
///
/// A node lives in two phases. `prepare(format:maximumFrameCount:)` runs on the control thread before the graph is
/// published and allocates everything the node will need, for blocks in its *input* format.
/// `process(_:into:context:)` then runs once per block on the graph's rendering thread and must not allocate, lock,
/// log, throw, await or wait on anything; a problem there becomes a counter the control side reads.
///
/// A node belongs to one graph. A node that is not `Sendable` is handed to `AudioGraph` with `sending` and can no
/// longer be touched from outside. A `Sendable` node (its state held in atomics and rings) may be kept by its maker
/// to read counters or change parameters, and may be placed in the next graph snapshot as well; its `prepare` must
/// then be safe to call while the previous snapshot is still processing it.
///
/// Most nodes output the format they are given. A node that changes the rate or the channel count (a resampler, a
/// downmix) says so in `outputFormat(for:)`; the graph then sizes the next stage's block by the rate ratio, so a
/// 10 ms block of 160 frames at 16 kHz becomes 80 frames at 8 kHz.
public protocol AudioNode: AnyObject {
    /// The format this node outputs when given `input`.
    ///
    /// The graph asks before it prepares the node, and prepares the next node at the answer. The frames per block
    /// scale by the ratio of the two sample rates, which must give whole frames (see
    /// `AudioGraphError.unevenRateRatio`). The default implementation returns `input`: a node that keeps its
    /// format needs nothing here.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameter input: The format the node will be prepared at.
    /// - Returns: The format of every block the node writes to its output.
    /// - Throws: An error explaining why the node cannot take `input`.
    func outputFormat(for input: AudioFormat) throws -> AudioFormat

    /// Allocates whatever processing at `format` in blocks of up to `maximumFrameCount` frames needs.
    ///
    /// `format` and `maximumFrameCount` describe the node's input; its output side follows from
    /// `outputFormat(for:)`.
    ///
    /// Not real-time safe: control thread only; may allocate.
    ///
    /// - Throws: An error explaining why the node cannot run at this format.
    func prepare(format: AudioFormat, maximumFrameCount: Int) throws

    /// Processes one block: reads `input` and fills all of `output`.
    ///
    /// `input` holds `context.sampleCount` interleaved samples and `output` holds `context.outputSampleCount`; the
    /// two are equal unless the node changes the format, and the buffers never overlap. A source ignores `input`
    /// (silence when the graph has no input); a tap copies `input` to `output`.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount) for every node in this module.
    func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext)

    /// Returns the node to its just-prepared state (phase, filter memory, counters of its own making).
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    func reset()
}

extension AudioNode {
    /// Returns `input`: the default for nodes that output the format they are given.
    ///
    /// Not real-time safe: control thread only.
    public func outputFormat(for input: AudioFormat) -> AudioFormat {
        input
    }

    /// Does nothing: the default for nodes without state.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {}
}

/// What a node knows about the block it is processing.
///
/// The input side (`format`, `frameCount`, `sampleCount`) describes the buffer the node reads; the output side
/// (`outputFormat`, `outputFrameCount`, `outputSampleCount`) the buffer it fills. They differ only for a node whose
/// `outputFormat(for:)` changes the format.
public struct AudioProcessContext: Hashable, Sendable {
    /// The format of the node's input buffer.
    public let format: AudioFormat

    /// Frames in this block's input, at most the stage's block frame count.
    public let frameCount: Int

    /// Frames of this stage's input format the graph rendered before this block since it was made or last reset.
    ///
    /// Each stage counts its own frames: after a 2:1 downsampler the next stage's sample time grows half as fast.
    public let sampleTime: Int64

    /// The format of the node's output buffer.
    public let outputFormat: AudioFormat

    /// Frames the node writes to its output in this block.
    public let outputFrameCount: Int

    /// Makes a context whose output side equals its input side; graphs make these, tests may too.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(format: AudioFormat, frameCount: Int, sampleTime: Int64) {
        self.init(
            format: format, frameCount: frameCount, outputFormat: format, outputFrameCount: frameCount,
            sampleTime: sampleTime)
    }

    /// Makes a context for a node whose output format or frame count differs from its input's.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(
        format: AudioFormat, frameCount: Int, outputFormat: AudioFormat, outputFrameCount: Int, sampleTime: Int64
    ) {
        self.format = format
        self.frameCount = frameCount
        self.outputFormat = outputFormat
        self.outputFrameCount = outputFrameCount
        self.sampleTime = sampleTime
    }

    /// Samples in this block's input: `frameCount` times the input channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }

    /// Samples in this block's output: `outputFrameCount` times the output channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var outputSampleCount: Int { self.outputFormat.sampleCount(frameCount: self.outputFrameCount) }
}
