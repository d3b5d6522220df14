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

    @Test("Ten million blocks (one million under ThreadSanitizer) cross two threads in order, every sample intact")
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
                        let low = Int16(truncatingIfNeeded: value)
                        let high = Int16(truncatingIfNeeded: value >> 16)
                        var samples = (low, high, ~low, ~high)
                        withUnsafeBytes(of: &samples) { bytes in
                            sanitizerVisibleCopy(to: block.baseAddress!, from: bytes.baseAddress!, byteCount: 8)
                        }
                    }
                    return count
                }
                sequence += written
                batchLimit = batchLimit % 97 + 1
                if written == 0 { yieldThread() }
            }
        }

        // The consumer copies out of the read regions, in batches whose size also varies, and checks every sample.
        let consumer = try AudioThread.start(name: "ring-consumer") {
            var expected = 0
            var bad = 0
            var scratch = [Int16](repeating: 0, count: 64 * Self.blockSampleCount)
            var requestBlocks = 1
            scratch.withUnsafeMutableBufferPointer { scratch in
                while expected < total {
                    let window = UnsafeMutableBufferPointer(
                        rebasing: scratch[..<(requestBlocks * Self.blockSampleCount)])
                    let read = ring.withUnsafeReadableRegions { first, second in
                        let firstCount = min(first.blockCount, requestBlocks)
                        let secondCount = min(second.blockCount, requestBlocks - firstCount)
                        let blockByteCount = Self.blockSampleCount * MemoryLayout<Int16>.stride
                        if firstCount > 0 {
                            sanitizerVisibleCopy(
                                to: window.baseAddress!, from: first.samples.baseAddress!,
                                byteCount: firstCount * blockByteCount)
                        }
                        if secondCount > 0 {
                            sanitizerVisibleCopy(
                                to: window.baseAddress! + firstCount * Self.blockSampleCount,
                                from: second.samples.baseAddress!, byteCount: secondCount * blockByteCount)
                        }
                        return firstCount + secondCount
                    }
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
            var staging = [Float](repeating: 0, count: 1024)
            while next < total {
                let written = ring.withUnsafeWritableRegions { first, second in
                    let count = min(first.count + second.count, total - next, staging.count)
                    for index in 0..<count { staging[index] = Float((next + index) & 0xFFFFFF) }
                    let firstCount = min(first.count, count)
                    staging.withUnsafeBytes { bytes in
                        sanitizerVisibleCopy(
                            to: first.baseAddress!, from: bytes.baseAddress!, byteCount: firstCount * 4)
                        if count > firstCount {
                            sanitizerVisibleCopy(
                                to: second.baseAddress!, from: bytes.baseAddress! + firstCount * 4,
                                byteCount: (count - firstCount) * 4)
                        }
                    }
                    return count
                }
                next += written
                if written == 0 { yieldThread() }
            }
        }
        let consumer = try AudioThread.start(name: "float-consumer") {
            var expected = 0
            var staging = [Float](repeating: 0, count: 1024)
            var bad = 0
            while expected < total {
                let consumed = ring.withUnsafeReadableRegions { first, second in
                    staging.withUnsafeMutableBytes { bytes in
                        if !first.isEmpty {
                            sanitizerVisibleCopy(
                                to: bytes.baseAddress!, from: first.baseAddress!, byteCount: first.count * 4)
                        }
                        if !second.isEmpty {
                            sanitizerVisibleCopy(
                                to: bytes.baseAddress! + first.count * 4, from: second.baseAddress!,
                                byteCount: second.count * 4)
                        }
                    }
                    for offset in 0..<(first.count + second.count)
                    where staging[offset] != Float((expected + offset) & 0xFFFFFF) {
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
