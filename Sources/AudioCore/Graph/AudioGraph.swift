import Synchronization

/// An immutable chain of audio nodes with the buffers between them, rendered one block at a time.
///
/// A graph is a snapshot: its nodes and their order are fixed when it is made. To change a call's processing,
/// build a new graph on the control thread and publish it with `AudioGraphHost.publish(_:)`, which swaps it in
/// between two blocks. Making a graph is the prepare phase: `init` prepares every node and allocates the two
/// intermediate buffers and a block of silence, and `render` never allocates.
///
/// Block *k* flows `input → node 0 → buffer A → node 1 → buffer B → node 2 → buffer A → … → output`: the caller's
/// input and output buffers are the chain's ends, and the two intermediate buffers alternate, so a chain of any
/// length needs only two.
///
/// Each node is one *stage* with its own input and output format. A node that changes the rate (a decoder at
/// 8 kHz feeding a resampler to 16 kHz) says so in `AudioNode.outputFormat(for:)`, and the next stage's block
/// holds the same time span in its own frames: 80 frames at 8 kHz become 160 at 16 kHz. The graph's input side
/// (`format`, `frameCount`) is the first stage's input; its output side (`outputFormat`, `outputFrameCount`) is
/// the last stage's output. The intermediate buffers are sized for the largest stage.
///
/// A graph runs on whichever thread calls `render`, one thread at a time.
///
/// `@unchecked Sendable`: the nodes and the block count are mutable state touched only by the one thread that
/// renders the graph at a time; `AudioGraphHost` hands a graph to its rendering thread with a release/acquire
/// pair, and a graph cannot be published twice.
public final class AudioGraph: @unchecked Sendable {
    /// The format of the graph's input: what the first node is prepared at.
    public let format: AudioFormat

    /// Frames in each block of the graph's input.
    public let frameCount: Int

    /// Samples in each block of the graph's input: `frameCount` times the channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }

    /// The format of the graph's output: what the last node writes.
    public let outputFormat: AudioFormat

    /// Frames in each block of the graph's output.
    public let outputFrameCount: Int

    /// Samples in each block of the graph's output: `outputFrameCount` times the output channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var outputSampleCount: Int { self.outputFormat.sampleCount(frameCount: self.outputFrameCount) }

    /// Nodes in the chain.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var nodeCount: Int { self.nodes.count }

    /// One node's input and output side, fixed when the graph is made.
    struct Stage {
        var format: AudioFormat
        var frameCount: Int
        var outputFormat: AudioFormat
        var outputFrameCount: Int

        var outputSampleCount: Int { self.outputFormat.sampleCount(frameCount: self.outputFrameCount) }
    }

    private let nodes: ContiguousArray<any AudioNode>
    private let stages: ContiguousArray<Stage>
    private let bufferA: UnsafeMutableBufferPointer<Float>
    private let bufferB: UnsafeMutableBufferPointer<Float>
    private let silence: UnsafeMutableBufferPointer<Float>

    /// Blocks rendered since the graph was made or last reset; each stage's sample time is this times its frames.
    private var blockCount: Int64 = 0

    /// Set once when a host takes the graph, so that it can never run on two threads.
    let isPublished = Atomic<Bool>(false)

    /// Works out every stage's format, prepares `nodes` for them and allocates the buffers between them.
    ///
    /// Each node in turn is asked for its output format (`AudioNode.outputFormat(for:)`) and then prepared at its
    /// input format and frame count; the next node's input is this node's output.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - format: The format of the graph's input, which the first node is prepared at.
    ///   - frameCount: Frames per block of the graph's input, at least 1.
    ///   - nodes: The chain in processing order, at least one node; the graph owns them from now on.
    /// - Throws: `AudioGraphError.unevenRateRatio` when a node's rate change does not give whole frames per
    ///   block, or the first error a node's `outputFormat(for:)` or `prepare` throws.
    /// - Complexity: O(*n* + *m*) plus each node's `prepare`, where *n* is the node count and *m* the largest
    ///   stage's sample count.
    public init(format: AudioFormat, frameCount: Int, nodes: sending [any AudioNode]) throws {
        precondition(frameCount >= 1, "a block holds at least one frame, not \(frameCount)")
        precondition(!nodes.isEmpty, "a graph needs at least one node")
        var stages = ContiguousArray<Stage>()
        stages.reserveCapacity(nodes.count)
        var stageFormat = format
        var stageFrameCount = frameCount
        for node in nodes {
            let outputFormat = try node.outputFormat(for: stageFormat)
            let outputFrameCount = try Self.outputFrameCount(
                of: node, frameCount: stageFrameCount, from: stageFormat, to: outputFormat)
            try node.prepare(format: stageFormat, maximumFrameCount: stageFrameCount)
            stages.append(
                Stage(
                    format: stageFormat, frameCount: stageFrameCount, outputFormat: outputFormat,
                    outputFrameCount: outputFrameCount))
            stageFormat = outputFormat
            stageFrameCount = outputFrameCount
        }

        self.format = format
        self.frameCount = frameCount
        self.outputFormat = stageFormat
        self.outputFrameCount = stageFrameCount
        self.nodes = ContiguousArray(nodes)
        self.stages = stages
        // The intermediate buffers hold every output but the last, which goes to the caller's buffer.
        let intermediateSampleCount = stages.dropLast().map(\.outputSampleCount).max() ?? 1
        self.bufferA = .allocate(capacity: intermediateSampleCount)
        self.bufferB = .allocate(capacity: intermediateSampleCount)
        self.silence = .allocate(capacity: format.sampleCount(frameCount: frameCount))
        // Initialising touches every page now rather than on the audio thread.
        self.bufferA.initialize(repeating: 0)
        self.bufferB.initialize(repeating: 0)
        self.silence.initialize(repeating: 0)
    }

    /// Works out every stage's format and prepares `nodes` for blocks of `block` duration at the graph's input.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: As `init(format:frameCount:nodes:)`.
    public convenience init(format: AudioFormat, block: BlockDuration, nodes: sending [any AudioNode]) throws {
        try self.init(format: format, frameCount: format.blockLayout(block).frameCount, nodes: nodes)
    }

    deinit {
        self.bufferA.deallocate()
        self.bufferB.deallocate()
        self.silence.deallocate()
    }

    /// The frames a stage outputs per block: its input frames scaled by the rate ratio, when that is whole.
    private static func outputFrameCount(
        of node: any AudioNode, frameCount: Int, from input: AudioFormat, to output: AudioFormat
    ) throws(AudioGraphError) -> Int {
        let (scaled, overflows) = frameCount.multipliedReportingOverflow(by: output.sampleRate)
        guard !overflows, scaled % input.sampleRate == 0 else {
            throw .unevenRateRatio(
                node: String(describing: type(of: node)), inputSampleRate: input.sampleRate,
                outputSampleRate: output.sampleRate, inputFrameCount: frameCount)
        }
        return scaled / input.sampleRate
    }

    /// Runs one block through the chain.
    ///
    /// Each node gets its stage's context: its input and output format and frame count, and a sample time in its
    /// own input frames.
    ///
    /// Real-time safe: no locks, no allocation. One rendering thread at a time.
    ///
    /// - Parameters:
    ///   - input: `sampleCount` samples for the first node, or `nil` to give it silence (a source-driven graph).
    ///   - output: `outputSampleCount` samples, filled by the last node; must not overlap `input`.
    /// - Complexity: O(*n* × *m*) for this module's nodes, where *n* is the node count and *m* the largest
    ///   stage's sample count.
    public func render(input: UnsafeBufferPointer<Float>?, output: UnsafeMutableBufferPointer<Float>) {
        let sampleCount = self.sampleCount
        let outputSampleCount = self.outputSampleCount
        precondition(
            output.count == outputSampleCount,
            "output holds \(output.count) samples; a block of the graph's output is \(outputSampleCount)")
        precondition(
            input.map { $0.count == sampleCount } ?? true,
            "input holds \(input?.count ?? 0) samples; a block of the graph's input is \(sampleCount)")
        if let inputStart = input?.baseAddress, let outputStart = output.baseAddress {
            precondition(
                inputStart + sampleCount <= outputStart || outputStart + outputSampleCount <= inputStart,
                "input and output of a graph must not overlap")
        }

        var source = input ?? UnsafeBufferPointer(self.silence)
        let lastIndex = self.nodes.count - 1
        for index in 0...lastIndex {
            let stage = self.stages[index]
            let destination =
                index == lastIndex
                ? output
                : UnsafeMutableBufferPointer(
                    rebasing: (index % 2 == 0 ? self.bufferA : self.bufferB)[..<stage.outputSampleCount])
            let context = AudioProcessContext(
                format: stage.format, frameCount: stage.frameCount, outputFormat: stage.outputFormat,
                outputFrameCount: stage.outputFrameCount, sampleTime: self.blockCount * Int64(stage.frameCount))
            self.nodes[index].process(source, into: destination, context: context)
            source = UnsafeBufferPointer(destination)
        }
        self.blockCount += 1
    }

    /// Resets every node and the sample time, as at the start of a new call.
    ///
    /// Real-time safe: no locks, no allocation (as long as the nodes' `reset` keeps that rule). Rendering thread
    /// only, between blocks; `AudioGraphHost.requestReset()` arranges that from another thread.
    ///
    /// - Complexity: O(*n*) plus each node's `reset`.
    public func reset() {
        for node in self.nodes {
            node.reset()
        }
        self.blockCount = 0
    }
}
