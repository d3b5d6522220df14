import Synchronization
import Testing

@testable import AudioCore

@Suite("Block pool")
struct BlockPoolTests {
    @Test("Exhaustion returns nil and counts the miss; a returned block can be taken again")
    func exhaustionAndReturn() throws {
        let pool = BlockPool<Float>(blockCapacity: 3, layout: AudioFormat.narrowband.blockLayout(.graph))
        #expect(pool.blockSampleCount == 80)
        #expect(pool.availableBlockCount == 3)

        let blocks = (0..<3).compactMap { _ in pool.tryAcquire() }
        #expect(blocks.count == 3)
        #expect(Set(blocks).count == 3)
        #expect(pool.availableBlockCount == 0)
        #expect(pool.tryAcquire() == nil)
        #expect(pool.tryAcquire() == nil)
        #expect(pool.exhaustionCount == 2)

        pool.release(blocks[1])
        #expect(pool.availableBlockCount == 1)
        let again = try #require(pool.tryAcquire())
        #expect(again == blocks[1])
        #expect(pool.tryAcquire() == nil)
        #expect(pool.exhaustionCount == 3)
    }

    @Test("Each block's samples are its own and keep what was written")
    func blocksDoNotOverlap() throws {
        let pool = BlockPool<Int16>(blockCapacity: 4, blockSampleCount: 5)
        let blocks = (0..<4).compactMap { _ in pool.tryAcquire() }
        for block in blocks {
            pool.unsafeSamples(of: block).update(repeating: Int16(block.index + 1))
        }
        for block in blocks {
            let samples = pool.unsafeSamples(of: block)
            #expect(samples.count == 5)
            #expect(samples.allSatisfy { $0 == Int16(block.index + 1) })
        }
    }

    @Test("Releasing a block twice traps")
    func doubleReleaseTraps() async {
        await #expect(processExitsWith: .failure) {
            let pool = BlockPool<Float>(blockCapacity: 2, blockSampleCount: 4)
            let block = pool.tryAcquire()!
            pool.release(block)
            pool.release(block)
        }
    }
}

@Suite("Block pool Concurrency")
struct BlockPoolConcurrencyTests {
    @Test("Threads that acquire and release at once never share a block")
    func noSharedBlocks() throws {
        let iterations = isThreadSanitizerActive ? 20_000 : 200_000
        let pool = BlockPool<Int>(blockCapacity: 3, blockSampleCount: 8)
        let corruptions = Atomic<Int>(0)
        let acquisitions = Atomic<Int>(0)

        let threads = try (1...3).map { worker in
            try AudioThread.start(name: "pool-\(worker)") {
                var corrupted = 0
                var acquired = 0
                for iteration in 0..<iterations {
                    guard let block = pool.tryAcquire() else {
                        yieldThread()
                        continue
                    }
                    acquired += 1
                    let samples = pool.unsafeSamples(of: block)
                    let mark = worker << 32 | iteration
                    // `pointee` accesses, not `update(repeating:)`, so ThreadSanitizer sees them (see
                    // `sanitizerVisibleCopy`).
                    let base = samples.baseAddress!
                    for index in 0..<samples.count { (base + index).pointee = mark }
                    if iteration % 64 == 0 { yieldThread() }
                    for index in 0..<samples.count where (base + index).pointee != mark { corrupted += 1 }
                    pool.release(block)
                }
                corruptions.add(corrupted, ordering: .relaxed)
                acquisitions.add(acquired, ordering: .relaxed)
            }
        }
        for thread in threads { thread.join() }

        #expect(corruptions.load(ordering: .relaxed) == 0)
        #expect(acquisitions.load(ordering: .relaxed) > 0)
        #expect(pool.availableBlockCount == 3)
        #expect(acquisitions.load(ordering: .relaxed) + pool.exhaustionCount == 3 * iterations)
    }
}
