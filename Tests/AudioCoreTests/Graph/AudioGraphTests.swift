import Glibc
import Testing

@testable import AudioCore

@Suite("Audio graph")
struct AudioGraphTests {
    static let format = AudioFormat.wideband
    static let frameCount = AudioFormat.wideband.blockLayout(.graph).frameCount

    func render(_ graph: AudioGraph, input: [Float]? = nil) -> [Float] {
        var output = [Float](repeating: .nan, count: graph.sampleCount)
        output.withUnsafeMutableBufferPointer { output in
            if let input {
                input.withUnsafeBufferPointer { graph.render(input: $0, output: output) }
            } else {
                graph.render(input: nil, output: output)
            }
        }
        return output
    }

    @Test("Making a graph prepares every node with the format and block size")
    func prepares() throws {
        let ledger = NodeLedger()
        let graph = try AudioGraph(format: Self.format, block: .graph, nodes: [ProbeNode(ledger: ledger)])
        #expect(graph.frameCount == 160)
        #expect(graph.nodeCount == 1)
        #expect(ledger.preparedSampleRate.load(ordering: .relaxed) == 16000)
        #expect(ledger.preparedMaximumFrameCount.load(ordering: .relaxed) == 160)
        #expect(ledger.processCount.load(ordering: .relaxed) == 0)
    }

    @Test("A sine source through a gain matches the formula, and a tap sees the same blocks")
    func sineGainTap() throws {
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 4, layout: Self.format.blockLayout(.graph))
        let tap = BlockRingTap(ring: ring)
        let graph = try AudioGraph(
            format: Self.format, block: .graph,
            nodes: [SineSource(frequency: 440, amplitude: 0.8), GainNode(gain: 0.5), tap])

        let blocks = (0..<3).map { _ in self.render(graph) }
        let produced = blocks.flatMap { $0 }
        let expected = (0..<produced.count).map { Float(0.4 * sin(2 * Double.pi * 440 * Double($0) / 16000)) }
        let worstError = zip(produced, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worstError < 1e-5)

        var tapped = [Float](repeating: 0, count: 3 * 160)
        #expect(tapped.withUnsafeMutableBufferPointer { ring.tryRead(blocksInto: $0) } == 3)
        #expect(tapped == produced)
        #expect(tap.droppedBlockCount == 0)
    }

    @Test("A full tap ring drops and counts blocks while audio keeps flowing")
    func tapDrops() throws {
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 1, blockSampleCount: 160)
        let tap = BlockRingTap(ring: ring)
        let graph = try AudioGraph(format: Self.format, frameCount: 160, nodes: [GainNode(gain: 2), tap])
        let input = [Float](repeating: 0.25, count: 160)
        for _ in 0..<3 {
            #expect(self.render(graph, input: input) == [Float](repeating: 0.5, count: 160))
        }
        #expect(tap.droppedBlockCount == 2)
    }

    @Test("A ring source feeds the graph and outputs counted silence when the ring runs dry")
    func ringSource() throws {
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 2, blockSampleCount: 160)
        let source = BlockRingSource(ring: ring)
        let graph = try AudioGraph(format: Self.format, frameCount: 160, nodes: [source, GainNode(gain: -1)])
        #expect([Float](repeating: 0.1, count: 160).withUnsafeBufferPointer { ring.tryWrite(blocks: $0) } == 1)

        #expect(self.render(graph) == [Float](repeating: -0.1, count: 160))
        #expect(self.render(graph) == [Float](repeating: 0, count: 160))
        #expect(source.underrunCount == 1)
    }

    @Test("A ring of the wrong block size is refused at prepare")
    func blockSizeMismatch() {
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 2, blockSampleCount: 80)
        #expect(
            throws: AudioGraphError.blockSizeMismatch(node: "BlockRingTap", graphSampleCount: 160, nodeSampleCount: 80)
        ) {
            try AudioGraph(format: Self.format, frameCount: 160, nodes: [BlockRingTap(ring: ring)])
        }
    }

    @Test("Buffers are allocated once: every block uses the same intermediate buffers")
    func buffersPreallocated() throws {
        let first = NodeLedger()
        let second = NodeLedger()
        let third = NodeLedger()
        let graph = try AudioGraph(
            format: Self.format, frameCount: 160,
            nodes: [ProbeNode(ledger: first, value: 1), ProbeNode(ledger: second), ProbeNode(ledger: third)])
        var output = [Float](repeating: 0, count: 160)
        output.withUnsafeMutableBufferPointer { output in
            for _ in 0..<100 { graph.render(input: nil, output: output) }
        }

        #expect(output == [Float](repeating: 1, count: 160))
        for ledger in [first, second, third] {
            #expect(ledger.processCount.load(ordering: .relaxed) == 100)
            #expect(ledger.addressChangeCount.load(ordering: .relaxed) == 0)
        }
        // The chain alternates two buffers: node 0 writes A, node 1 reads A and writes B, node 2 reads B.
        #expect(first.outputAddress.load(ordering: .relaxed) == second.inputAddress.load(ordering: .relaxed))
        #expect(second.outputAddress.load(ordering: .relaxed) == third.inputAddress.load(ordering: .relaxed))
        #expect(first.outputAddress.load(ordering: .relaxed) != second.outputAddress.load(ordering: .relaxed))
        #expect(third.lastSampleTime.load(ordering: .relaxed) == 99 * 160)
    }

    @Test("Reset restarts every node and the sample time")
    func reset() throws {
        let ledger = NodeLedger()
        let graph = try AudioGraph(
            format: Self.format, frameCount: 160,
            nodes: [SineSource(frequency: 300, amplitude: 1), ProbeNode(ledger: ledger)])
        let firstBlock = self.render(graph)
        let secondBlock = self.render(graph)
        #expect(firstBlock != secondBlock)

        graph.reset()
        #expect(ledger.resetCount.load(ordering: .relaxed) == 1)
        #expect(self.render(graph) == firstBlock)
        #expect(ledger.lastSampleTime.load(ordering: .relaxed) == 0)
    }

    @Test("A host without a graph renders counted silence")
    func emptyHost() {
        let host = AudioGraphHost(format: Self.format, frameCount: 160)
        var output = [Float](repeating: 1, count: 160)
        #expect(!output.withUnsafeMutableBufferPointer { host.render(input: nil, output: $0) })
        #expect(output == [Float](repeating: 0, count: 160))
        #expect(host.silentBlockCount == 1)
    }

    @Test("Publishing swaps the graph between blocks and frees the old one on the control thread")
    func publishAndReclaim() throws {
        let host = AudioGraphHost(format: Self.format, frameCount: 160)
        let oldLedger = NodeLedger()
        let newLedger = NodeLedger()
        host.publish(
            try AudioGraph(format: Self.format, frameCount: 160, nodes: [ProbeNode(ledger: oldLedger, value: 1)]))
        var output = [Float](repeating: 0, count: 160)
        output.withUnsafeMutableBufferPointer { _ = host.render(input: nil, output: $0) }
        #expect(output.allSatisfy { $0 == 1 })

        host.publish(
            try AudioGraph(format: Self.format, frameCount: 160, nodes: [ProbeNode(ledger: newLedger, value: 2)]))
        // Nothing was rendering during the publish, so the old graph was freed at once, on this thread.
        #expect(host.retiredGraphCount == 0)
        #expect(oldLedger.deinitCount.load(ordering: .relaxed) == 1)
        #expect(oldLedger.deinitThreads.withLock { $0 } == [AudioThread.currentID])

        output.withUnsafeMutableBufferPointer { _ = host.render(input: nil, output: $0) }
        #expect(output.allSatisfy { $0 == 2 })
        #expect(host.renderedBlockCount == 2)

        host.unpublish()
        #expect(newLedger.deinitCount.load(ordering: .relaxed) == 1)
        #expect(!output.withUnsafeMutableBufferPointer { host.render(input: nil, output: $0) })
    }

    @Test("A reset requested from another thread happens before the next block")
    func requestedReset() throws {
        let host = AudioGraphHost(format: Self.format, frameCount: 160)
        let ledger = NodeLedger()
        host.publish(try AudioGraph(format: Self.format, frameCount: 160, nodes: [ProbeNode(ledger: ledger, value: 0)]))
        var output = [Float](repeating: 0, count: 160)
        output.withUnsafeMutableBufferPointer { output in
            host.render(input: nil, output: output)
            host.render(input: nil, output: output)
            host.requestReset()
            #expect(ledger.resetCount.load(ordering: .relaxed) == 0)
            host.render(input: nil, output: output)
        }
        #expect(ledger.resetCount.load(ordering: .relaxed) == 1)
        #expect(ledger.lastSampleTime.load(ordering: .relaxed) == 0)
    }

    @Test("Publishing the same graph twice traps")
    func doublePublishTraps() async {
        await #expect(processExitsWith: .failure) {
            let host = AudioGraphHost(format: .wideband, frameCount: 160)
            let graph = try! AudioGraph(format: .wideband, frameCount: 160, nodes: [GainNode(gain: 1)])
            host.publish(graph)
            host.publish(graph)
        }
    }

    @Test("Publishing a graph of another block size traps")
    func mismatchedGraphTraps() async {
        await #expect(processExitsWith: .failure) {
            let host = AudioGraphHost(format: .wideband, frameCount: 160)
            host.publish(try! AudioGraph(format: .wideband, frameCount: 320, nodes: [GainNode(gain: 1)]))
        }
    }
}
