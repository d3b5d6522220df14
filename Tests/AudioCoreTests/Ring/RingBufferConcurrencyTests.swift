import Synchronization
import Testing

@testable import AudioCore

/// Producer and consumer on two real threads. CI also runs these under ThreadSanitizer.
@Suite("Ring buffer Concurrency")
struct RingBufferConcurrencyTests {
    /// Ten million blocks normally; ThreadSanitizer makes each access several times slower, so it checks one million.
    static let blockTotal = isThreadSanitizerActive ? 1_000_000 : 10_000_000

    /// Samples per block: the sequence number's low and high halves and their complements.
    static let blockSampleCount = 4

    @Test("Ten million blocks cross two threads in order with every sample intact")
    func blocksInOrder() throws {
        let total = Self.blockTotal
        let ring = BlockRingBuffer<Int16>(minimumBlockCapacity: 256, blockSampleCount: Self.blockSampleCount)
        let mismatches = Atomic<Int>(0)
        let received = Atomic<Int>(0)

        // The producer fills the ring in place, in batches of varying size, so the wrap falls everywhere.
        let producer = try AudioThread.start(name: "ring-producer") {
            var sequence = 0
            var batchLimit = 1
            while sequence < total {
                let written = ring.withUnsafeWritableRegions { first, second in
                    let count = min(first.blockCount + second.blockCount, total - sequence, batchLimit)
                    for index in 0..<count {
                        let block =
                            index < first.blockCount ? first[block: index] : second[block: index - first.blockCount]
                        let value = UInt32(truncatingIfNeeded: sequence + index)
                        block[0] = Int16(truncatingIfNeeded: value)
                        block[1] = Int16(truncatingIfNeeded: value >> 16)
                        block[2] = ~block[0]
                        block[3] = ~block[1]
                    }
                    return count
                }
                sequence += written
                batchLimit = batchLimit % 97 + 1
                if written == 0 { yieldThread() }
            }
        }

        // The consumer copies out with tryRead into a buffer whose size also varies, and checks every sample.
        let consumer = try AudioThread.start(name: "ring-consumer") {
            var expected = 0
            var bad = 0
            var scratch = [Int16](repeating: 0, count: 64 * Self.blockSampleCount)
            var requestBlocks = 1
            scratch.withUnsafeMutableBufferPointer { scratch in
                while expected < total {
                    let window = UnsafeMutableBufferPointer(
                        rebasing: scratch[..<(requestBlocks * Self.blockSampleCount)])
                    let read = ring.tryRead(blocksInto: window)
                    for index in 0..<read {
                        let value = UInt32(truncatingIfNeeded: expected + index)
                        let base = index * Self.blockSampleCount
                        let low = Int16(truncatingIfNeeded: value)
                        let high = Int16(truncatingIfNeeded: value >> 16)
                        if window[base] != low || window[base + 1] != high || window[base + 2] != ~low
                            || window[base + 3] != ~high
                        {
                            bad += 1
                        }
                    }
                    expected += read
                    requestBlocks = requestBlocks % 64 + 1
                    if read == 0 { yieldThread() }
                }
            }
            mismatches.store(bad, ordering: .relaxed)
            received.store(expected, ordering: .relaxed)
        }

        producer.join()
        consumer.join()
        #expect(received.load(ordering: .relaxed) == total)
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(ring.isEmpty)
    }

    @Test("Single elements cross two threads in order through a one-slot ring")
    func oneSlotRing() throws {
        let total = isThreadSanitizerActive ? 20_000 : 200_000
        let ring = SPSCRingBuffer<Int>(minimumCapacity: 1)
        let outOfOrder = Atomic<Int>(0)

        let producer = try AudioThread.start(name: "slot-producer") {
            var next = 0
            while next < total {
                if ring.tryWrite(next) { next += 1 } else { yieldThread() }
            }
        }
        let consumer = try AudioThread.start(name: "slot-consumer") {
            var expected = 0
            var bad = 0
            while expected < total {
                if let value = ring.tryRead() {
                    if value != expected { bad += 1 }
                    expected += 1
                } else {
                    yieldThread()
                }
            }
            outOfOrder.store(bad, ordering: .relaxed)
        }

        producer.join()
        consumer.join()
        #expect(outOfOrder.load(ordering: .relaxed) == 0)
        #expect(ring.isEmpty)
    }

    @Test("Float samples cross two threads through the element ring's regions")
    func elementRegions() throws {
        let total = isThreadSanitizerActive ? 500_000 : 5_000_000
        let ring = SPSCRingBuffer<Float>(minimumCapacity: 1000)
        let mismatches = Atomic<Int>(-1)

        let producer = try AudioThread.start(name: "float-producer") {
            var next = 0
            while next < total {
                let written = ring.withUnsafeWritableRegions { first, second in
                    let count = min(first.count + second.count, total - next)
                    for index in 0..<count {
                        let value = Float((next + index) & 0xFFFFFF)
                        if index < first.count { first[index] = value } else { second[index - first.count] = value }
                    }
                    return count
                }
                next += written
                if written == 0 { yieldThread() }
            }
        }
        let consumer = try AudioThread.start(name: "float-consumer") {
            var expected = 0
            var bad = 0
            while expected < total {
                let consumed = ring.withUnsafeReadableRegions { first, second in
                    for (offset, value) in first.enumerated() where value != Float((expected + offset) & 0xFFFFFF) {
                        bad += 1
                    }
                    for (offset, value) in second.enumerated()
                    where value != Float((expected + first.count + offset) & 0xFFFFFF) {
                        bad += 1
                    }
                    return first.count + second.count
                }
                expected += consumed
                if consumed == 0 { yieldThread() }
            }
            mismatches.store(bad, ordering: .relaxed)
        }

        producer.join()
        consumer.join()
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }
}
