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
/// A graph runs on whichever thread calls `render`, one thread at a time.
///
/// `@unchecked Sendable`: the nodes and the sample time are mutable state touched only by the one thread that
/// renders the graph at a time; `AudioGraphHost` hands a graph to its rendering thread with a release/acquire
/// pair, and a graph cannot be published twice.
public final class AudioGraph: @unchecked Sendable {
    /// The format of every buffer in the graph.
    public let format: AudioFormat

    /// Frames in each block the graph renders.
    public let frameCount: Int

    /// Samples in each block: `frameCount` times the channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }

    /// Nodes in the chain.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var nodeCount: Int { self.nodes.count }

    private let nodes: ContiguousArray<any AudioNode>
    private let bufferA: UnsafeMutableBufferPointer<Float>
    private let bufferB: UnsafeMutableBufferPointer<Float>
    private let silence: UnsafeMutableBufferPointer<Float>
    private var sampleTime: Int64 = 0

    /// Set once when a host takes the graph, so that it can never run on two threads.
    let isPublished = Atomic<Bool>(false)

    /// Prepares `nodes` at `format` and allocates the buffers between them.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - format: The format of every buffer.
    ///   - frameCount: Frames per block, at least 1.
    ///   - nodes: The chain in processing order, at least one node; the graph owns them from now on.
    /// - Throws: The first error a node's `prepare` throws.
    /// - Complexity: O(*n* + frameCount) plus each node's `prepare`, where *n* is the node count.
    public init(format: AudioFormat, frameCount: Int, nodes: sending [any AudioNode]) throws {
        precondition(frameCount >= 1, "a block holds at least one frame, not \(frameCount)")
        precondition(!nodes.isEmpty, "a graph needs at least one node")
        for node in nodes {
            try node.prepare(format: format, maximumFrameCount: frameCount)
        }

        self.format = format
        self.frameCount = frameCount
        self.nodes = ContiguousArray(nodes)
        let sampleCount = format.sampleCount(frameCount: frameCount)
        self.bufferA = .allocate(capacity: sampleCount)
        self.bufferB = .allocate(capacity: sampleCount)
        self.silence = .allocate(capacity: sampleCount)
        // Initialising touches every page now rather than on the audio thread.
        self.bufferA.initialize(repeating: 0)
        self.bufferB.initialize(repeating: 0)
        self.silence.initialize(repeating: 0)
    }

    /// Prepares `nodes` at `format` for blocks of `block` duration.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: The first error a node's `prepare` throws.
    public convenience init(format: AudioFormat, block: BlockDuration, nodes: sending [any AudioNode]) throws {
        try self.init(format: format, frameCount: format.blockLayout(block).frameCount, nodes: nodes)
    }

    deinit {
        self.bufferA.deallocate()
        self.bufferB.deallocate()
        self.silence.deallocate()
    }

    /// Runs one block through the chain.
    ///
    /// Real-time safe: no locks, no allocation. One rendering thread at a time.
    ///
    /// - Parameters:
    ///   - input: `sampleCount` samples for the first node, or `nil` to give it silence (a source-driven graph).
    ///   - output: `sampleCount` samples, filled by the last node; must not overlap `input`.
    /// - Complexity: O(*n* × sampleCount) for this module's nodes, where *n* is the node count.
    public func render(input: UnsafeBufferPointer<Float>?, output: UnsafeMutableBufferPointer<Float>) {
        let sampleCount = self.sampleCount
        precondition(output.count == sampleCount, "output holds \(output.count) samples; a block is \(sampleCount)")
        precondition(
            input.map { $0.count == sampleCount } ?? true,
            "input holds \(input?.count ?? 0) samples; a block is \(sampleCount)")
        if let inputStart = input?.baseAddress, let outputStart = output.baseAddress {
            precondition(
                inputStart + sampleCount <= outputStart || outputStart + sampleCount <= inputStart,
                "input and output of a graph must not overlap")
        }
        let context = AudioProcessContext(format: self.format, frameCount: self.frameCount, sampleTime: self.sampleTime)

        var source = input ?? UnsafeBufferPointer(self.silence)
        let lastIndex = self.nodes.count - 1
        for index in 0...lastIndex {
            let destination = index == lastIndex ? output : (index % 2 == 0 ? self.bufferA : self.bufferB)
            self.nodes[index].process(source, into: destination, context: context)
            source = UnsafeBufferPointer(destination)
        }
        self.sampleTime += Int64(self.frameCount)
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
        self.sampleTime = 0
    }
}
