/// One processing step of an audio graph: a source, an effect, a tap or a sink.
///
/// A node lives in two phases. `prepare(format:maximumFrameCount:)` runs on the control thread before the graph is
/// published and allocates everything the node will need. `process(_:into:context:)` then runs once per block on
/// the graph's rendering thread and must not allocate, lock, log, throw, await or wait on anything; a problem
/// there becomes a counter the control side reads.
///
/// A node belongs to one graph. A node that is not `Sendable` is handed to `AudioGraph` with `sending` and can no
/// longer be touched from outside. A `Sendable` node (its state held in atomics and rings) may be kept by its maker
/// to read counters or change parameters, and may be placed in the next graph snapshot as well; its `prepare` must
/// then be safe to call while the previous snapshot is still processing it.
public protocol AudioNode: AnyObject {
    /// Allocates whatever processing at `format` in blocks of up to `maximumFrameCount` frames needs.
    ///
    /// Not real-time safe: control thread only; may allocate.
    ///
    /// - Throws: An error explaining why the node cannot run at this format.
    func prepare(format: AudioFormat, maximumFrameCount: Int) throws

    /// Processes one block: reads `input` and fills all of `output`.
    ///
    /// Both buffers hold `context.sampleCount` interleaved samples and never overlap. A source ignores `input`
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
    /// Does nothing: the default for nodes without state.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {}
}

/// What a node knows about the block it is processing.
public struct AudioProcessContext: Hashable, Sendable {
    /// The format of every buffer in the graph.
    public let format: AudioFormat

    /// Frames in this block, at most the graph's block frame count.
    public let frameCount: Int

    /// Frames the graph rendered before this block since it was made or last reset.
    public let sampleTime: Int64

    /// Makes a context; graphs make these, tests may too.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(format: AudioFormat, frameCount: Int, sampleTime: Int64) {
        self.format = format
        self.frameCount = frameCount
        self.sampleTime = sampleTime
    }

    /// Samples in this block: `frameCount` times the channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }
}
