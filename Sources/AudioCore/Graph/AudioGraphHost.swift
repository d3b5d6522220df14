import Synchronization

/// The live graph of one call: renders it on the audio thread and swaps in new snapshots from the control thread.
///
/// Publishing is one atomic exchange of the current graph pointer; the audio thread picks the new graph up at its
/// next `render` and never waits. The old graph is never freed on the audio thread. Instead it joins a retire list
/// owned by the control side and is released by `reclaimRetiredGraphs()` (which `publish` also runs) once the
/// audio thread is provably done with it.
///
/// "Provably done" uses a single hazard pointer. Before rendering, the audio thread announces the graph it is about
/// to use in `hazard`, then checks that the graph is still current (retrying if a publish slipped in between).
/// A retired graph that differs from the announced one can be freed: the audio thread has either finished with
/// it, or it has re-checked the current pointer after the swap, seen the new graph and will never touch the old
/// one. The hazard stores and loads are sequentially consistent because the argument needs one total order of
/// "announce, re-check" on the audio side against "swap, read hazard" on the control side; release/acquire alone
/// would let each side miss the other's store.
///
/// Which thread may call what: one rendering thread at a time calls `render(input:output:)`; any other threads may
/// call the control methods, which serialise on a mutex. Keep the last reference to the host on the control side:
/// when the host is freed it frees its graphs on whichever thread drops it.
public final class AudioGraphHost: Sendable {
    /// The input format every published graph must have.
    public let format: AudioFormat

    /// Frames per block of the input every published graph must take.
    public let frameCount: Int

    /// The output format every published graph must have.
    public let outputFormat: AudioFormat

    /// Frames per block of the output every published graph must render.
    public let outputFrameCount: Int

    /// The current graph as an `Unmanaged<AudioGraph>` bit pattern holding one retain, or 0 for none.
    private let current = Atomic<UInt>(0)

    /// The graph the rendering thread is using or about to use, or 0 between blocks.
    private let hazard = Atomic<UInt>(0)

    /// Bumped by `requestReset()`; the rendering thread resets the graph when it differs from the last value seen.
    private let resetGeneration = Atomic<Int>(0)
    private let renderedResetGeneration = Atomic<Int>(0)

    private let renderedBlocks = Atomic<Int>(0)
    private let silentBlocks = Atomic<Int>(0)

    /// Control side: graphs swapped out, each holding one retain, not yet released.
    private let retired = Mutex<[UInt]>([])

    /// Makes a host with no graph for graphs that output the format and block size they take; `render` outputs
    /// silence until the first `publish`.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - format: The input and output format of every graph it will run.
    ///   - frameCount: Frames per block, in and out, of every graph it will run.
    public convenience init(format: AudioFormat, frameCount: Int) {
        self.init(format: format, frameCount: frameCount, outputFormat: format, outputFrameCount: frameCount)
    }

    /// Makes a host with no graph for graphs whose output side differs from their input side (a call that takes
    /// 8 kHz G.711 and hands 16 kHz to recognition); `render` outputs silence until the first `publish`.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Parameters:
    ///   - format: The input format of every graph it will run.
    ///   - frameCount: Frames per input block of every graph it will run.
    ///   - outputFormat: The output format of every graph it will run.
    ///   - outputFrameCount: Frames per output block of every graph it will run.
    public init(format: AudioFormat, frameCount: Int, outputFormat: AudioFormat, outputFrameCount: Int) {
        self.format = format
        self.frameCount = frameCount
        self.outputFormat = outputFormat
        self.outputFrameCount = outputFrameCount
        self.retired.withLock { $0.reserveCapacity(4) }
    }

    deinit {
        if let graph = Self.graph(bits: self.current.load(ordering: .acquiring)) {
            graph.release()
        }
        for bits in self.retired.withLock({ $0 }) {
            Self.graph(bits: bits)?.release()
        }
    }

    /// Samples in each block of the input: `frameCount` times the input channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }

    /// Samples in each block of the output: `outputFrameCount` times the output channel count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var outputSampleCount: Int { self.outputFormat.sampleCount(frameCount: self.outputFrameCount) }

    /// Blocks rendered by a graph since the host was made.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var renderedBlockCount: Int { self.renderedBlocks.load(ordering: .relaxed) }

    /// Blocks rendered as silence because no graph was published.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var silentBlockCount: Int { self.silentBlocks.load(ordering: .relaxed) }

    /// Graphs swapped out and not yet freed.
    ///
    /// Not real-time safe: control thread only; takes the control mutex.
    public var retiredGraphCount: Int { self.retired.withLock { $0.count } }

    /// Makes `graph` the one the next block renders, retires the previous one and frees what it safely can.
    ///
    /// Not real-time safe: control thread only; takes the control mutex and may free retired graphs.
    ///
    /// - Parameter graph: A graph whose input and output sides both match this host's, and that no host has
    ///   published before. A mismatch traps (the rendering thread's buffers would be the wrong size), and so does a
    ///   second publish, since running a graph on two threads at once would corrupt it.
    /// - Complexity: O(*r*), where *r* is the count of retired graphs.
    public func publish(_ graph: AudioGraph) {
        self.swap(in: Unmanaged.passRetained(self.claim(graph)).toOpaque())
    }

    /// Stops rendering any graph; `render` outputs silence from the next block.
    ///
    /// Not real-time safe: control thread only; takes the control mutex and may free retired graphs.
    ///
    /// - Complexity: O(*r*), where *r* is the count of retired graphs.
    public func unpublish() {
        self.swap(in: nil)
    }

    /// Asks the rendering thread to reset the current graph before its next block.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public func requestReset() {
        // Relaxed: the reset carries no data of its own; the graph it applies to is ordered by `current`.
        self.resetGeneration.add(1, ordering: .relaxed)
    }

    /// Frees every retired graph the rendering thread can no longer be using.
    ///
    /// Not real-time safe: control thread only; takes the control mutex and frees memory.
    ///
    /// - Returns: How many graphs were freed.
    /// - Complexity: O(*r*) plus the graphs' deinitialisers, where *r* is the count of retired graphs.
    @discardableResult
    public func reclaimRetiredGraphs() -> Int {
        // Release outside the lock: a graph's deinit runs node deinitialisers, which may be slow.
        let reclaimable: [UInt] = self.retired.withLock { retired in
            // Sequentially consistent: see the type's discussion. Acquire is included, so the rendering thread's
            // last accesses to a graph happen before it is freed here.
            let inUse = self.hazard.load(ordering: .sequentiallyConsistent)
            let reclaimable = retired.filter { $0 != inUse }
            retired.removeAll { $0 != inUse }
            return reclaimable
        }
        for bits in reclaimable {
            Self.graph(bits: bits)?.release()
        }
        return reclaimable.count
    }

    /// Renders one block with the current graph, or silence when there is none.
    ///
    /// Real-time safe: no locks, no allocation; lock-free (it retries only while a publish lands at the same
    /// instant). Rendering thread only.
    ///
    /// - Parameters:
    ///   - input: `sampleCount` samples for the first node, or `nil` for silence.
    ///   - output: `outputSampleCount` samples to fill.
    /// - Returns: Whether a graph rendered the block (`false`: `output` was filled with silence).
    /// - Complexity: O(1) plus the graph's `render`.
    @discardableResult
    public func render(input: UnsafeBufferPointer<Float>?, output: UnsafeMutableBufferPointer<Float>) -> Bool {
        // Acquire: pairs with the exchange in `swap(in:)`, so the new graph's prepared state is visible.
        var bits = self.current.load(ordering: .acquiring)
        while true {
            // Sequentially consistent announce and re-check: see the type's discussion.
            self.hazard.store(bits, ordering: .sequentiallyConsistent)
            let check = self.current.load(ordering: .sequentiallyConsistent)
            if check == bits { break }
            bits = check
        }
        defer {
            // Release: the block's accesses to the graph are finished before a reclaimer that reads this value
            // (with an acquiring load) frees it.
            self.hazard.store(0, ordering: .releasing)
        }

        guard let graph = Self.graph(bits: bits) else {
            output.update(repeating: 0)
            self.silentBlocks.add(1, ordering: .relaxed)
            return false
        }
        graph._withUnsafeGuaranteedRef { graph in
            // Relaxed: see `requestReset()`.
            let generation = self.resetGeneration.load(ordering: .relaxed)
            if generation != self.renderedResetGeneration.load(ordering: .relaxed) {
                self.renderedResetGeneration.store(generation, ordering: .relaxed)
                graph.reset()
            }
            graph.render(input: input, output: output)
        }
        // Relaxed: a statistic; nothing is ordered by it.
        self.renderedBlocks.add(1, ordering: .relaxed)
        return true
    }

    /// Marks `graph` as published, trapping if it already was or does not fit this host.
    private func claim(_ graph: AudioGraph) -> AudioGraph {
        precondition(
            graph.format == self.format && graph.frameCount == self.frameCount,
            "graph takes \(graph.frameCount) frames at \(graph.format); this host runs \(self.frameCount) at \(self.format)"
        )
        precondition(
            graph.outputFormat == self.outputFormat && graph.outputFrameCount == self.outputFrameCount,
            "graph outputs \(graph.outputFrameCount) frames at \(graph.outputFormat); this host outputs "
                + "\(self.outputFrameCount) at \(self.outputFormat)")
        // Relaxed: the flag only detects misuse; the graph itself is published by the exchange in `swap(in:)`.
        let (wasUnpublished, _) = graph.isPublished.compareExchange(
            expected: false, desired: true, ordering: .relaxed)
        precondition(wasUnpublished, "a graph can be published once, to one host")
        return graph
    }

    private func swap(in pointer: UnsafeMutableRawPointer?) {
        self.retired.withLock { retired in
            // Sequentially consistent: its release half publishes the new graph's prepared state to the rendering
            // thread; the total order places the swap against the hazard protocol (see the type's discussion).
            let old = self.current.exchange(UInt(bitPattern: pointer), ordering: .sequentiallyConsistent)
            if old != 0 {
                retired.append(old)
            }
        }
        self.reclaimRetiredGraphs()
    }

    private static func graph(bits: UInt) -> Unmanaged<AudioGraph>? {
        UnsafeRawPointer(bitPattern: bits).map { Unmanaged<AudioGraph>.fromOpaque($0) }
    }
}
