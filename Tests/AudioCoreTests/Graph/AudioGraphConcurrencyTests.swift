import Synchronization
import Testing

@testable import AudioCore

@Suite("Audio graph Concurrency")
struct AudioGraphConcurrencyTests {
    @Test("Graphs published while another thread renders are picked up whole, in order, and freed off that thread")
    func publishWhileRendering() throws {
        let graphCount = isThreadSanitizerActive ? 200 : 2000
        let format = AudioFormat.narrowband
        let host = AudioGraphHost(format: format, frameCount: 80)
        let ledger = NodeLedger()
        let isPublishing = Atomic<Bool>(true)
        let tornBlocks = Atomic<Int>(0)
        let backwardSteps = Atomic<Int>(0)
        let lastSeen = Atomic<Int>(0)
        let audioThreadID = Atomic<UInt>(0)

        let audio = try AudioThread.start(name: "graph-render") {
            audioThreadID.store(AudioThread.currentID, ordering: .relaxed)
            var output = [Float](repeating: 0, count: 80)
            var previous: Float = 0
            var torn = 0
            var backward = 0
            output.withUnsafeMutableBufferPointer { output in
                // Keep rendering until the control thread has finished, then a few blocks more.
                var trailing = 100
                while trailing > 0 {
                    if !isPublishing.load(ordering: .acquiring) { trailing -= 1 }
                    host.render(input: nil, output: output)
                    let value = output[0]
                    if !output.allSatisfy({ $0 == value }) { torn += 1 }
                    if value < previous { backward += 1 }
                    previous = value
                }
            }
            tornBlocks.store(torn, ordering: .relaxed)
            backwardSteps.store(backward, ordering: .relaxed)
            lastSeen.store(Int(previous), ordering: .relaxed)
        }

        // Each graph outputs its own number; graphs are published in increasing order.
        for number in 1...graphCount {
            let graph = try AudioGraph(
                format: format, frameCount: 80, nodes: [ProbeNode(ledger: ledger, value: Float(number))])
            host.publish(graph)
            if number % 16 == 0 { yieldThread() }
        }
        isPublishing.store(false, ordering: .releasing)
        audio.join()
        host.reclaimRetiredGraphs()

        #expect(tornBlocks.load(ordering: .relaxed) == 0)
        #expect(backwardSteps.load(ordering: .relaxed) == 0)
        #expect(lastSeen.load(ordering: .relaxed) == graphCount)
        #expect(host.retiredGraphCount == 0)
        #expect(host.renderedBlockCount >= 100)
        // Every graph but the current one has been freed, and none on the audio thread.
        #expect(ledger.deinitCount.load(ordering: .relaxed) == graphCount - 1)
        let audioID = audioThreadID.load(ordering: .relaxed)
        #expect(!ledger.deinitThreads.withLock { $0 }.contains(audioID))
    }
}
