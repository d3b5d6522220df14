import AudioCore
import Glibc
import Synchronization

/// Blocks per second through the lock-free SPSC block ring between two real threads, against a `Mutex`-guarded
/// circular queue of the same capacity moving the same blocks in the same batches, measured in the same run.
///
/// Both queues are preallocated; both threads copy whole blocks in and out and yield when the queue is full or
/// empty. The producer stamps each block with its sequence number and the consumer checks it, so a broken queue
/// shows up as an error, not as a fast number.
enum RingBenchmark {
    /// 10 ms at 8 kHz, 16-bit: the telephone line's block.
    static let lineBlockSampleCount = 80
    static let blockCapacity = 64

    static func run(into report: inout Report, isQuick: Bool) {
        let blockCount = isQuick ? 1_000_000 : 10_000_000
        // One block per call is how an audio thread hands over each 10 ms; batches of 4 are a consumer catching
        // up after a stall.
        for batchBlockCount in [1, 4] {
            let ringRate = self.measure(
                blockCount: blockCount, batchBlockCount: batchBlockCount,
                queue: RingQueue(blockCapacity: self.blockCapacity))
            let mutexRate = self.measure(
                blockCount: blockCount, batchBlockCount: batchBlockCount,
                queue: MutexQueue(blockCapacity: self.blockCapacity))
            let batch = batchBlockCount == 1 ? "1 block per call" : "\(batchBlockCount) blocks per call"
            let note = "\(formatted(Double(blockCount))) blocks of 80 Int16 (10 ms at 8 kHz), two threads"
            report.add(
                Measurement(
                    group: "ring", name: "SPSC ring, \(batch)", value: ringRate, unit: "blocks/s",
                    target: .atLeast(1e7), note: note))
            report.add(
                Measurement(
                    group: "ring", name: "Mutex queue, \(batch)", value: mutexRate, unit: "blocks/s",
                    note: "preallocated circular array, one lock per call"))
            report.add(
                Measurement(
                    group: "ring", name: "SPSC ring / Mutex queue, \(batch)", value: ringRate / mutexRate, unit: "×",
                    target: .atLeast(10), note: "same run"))
        }

        // The queue most code would write first: an array of blocks behind a Mutex, a new array per block. Shown
        // for scale only; the target is held against the fair baseline above.
        let naiveRate = self.measure(
            blockCount: blockCount / 10, batchBlockCount: 1, queue: ArrayMutexQueue(blockCapacity: self.blockCapacity))
        report.add(
            Measurement(
                group: "ring", name: "Mutex<[[Int16]]> queue, 1 block per call", value: naiveRate, unit: "blocks/s",
                note: "allocates an array per block; for scale, not the target's baseline"))

        let ring = RingQueue(blockCapacity: self.blockCapacity)
        var block = [Int16](repeating: 0, count: self.lineBlockSampleCount)
        let allocations = allocationsPerOperation(operationCount: 1000) {
            block.withUnsafeMutableBufferPointer { buffer in
                for _ in 0..<1000 {
                    _ = ring.write(UnsafeBufferPointer(buffer))
                    _ = ring.read(into: buffer)
                }
            }
        }
        report.add(
            Measurement(
                group: "alloc", name: "ring write+read", value: allocations, unit: "allocs/block", target: .atMost(0)))
    }

    /// Moves `blockCount` stamped blocks from a producer thread to a consumer thread; returns blocks per second.
    static func measure(blockCount: Int, batchBlockCount: Int, queue: some BenchmarkQueue) -> Double {
        let sampleCount = self.lineBlockSampleCount
        let batchSampleCount = sampleCount * batchBlockCount
        let errors = Atomic<Int>(0)
        let start = monotonicSeconds()
        guard
            let producer = try? AudioThread.start(
                name: "bench-producer",
                body: {
                    var batch = [Int16](repeating: 0, count: batchSampleCount)
                    var sent = 0
                    batch.withUnsafeMutableBufferPointer { buffer in
                        while sent < blockCount {
                            let batchBlocks = min(batchBlockCount, blockCount - sent)
                            for block in 0..<batchBlocks {
                                buffer[block * sampleCount] = Int16(truncatingIfNeeded: sent + block)
                            }
                            let written = queue.write(
                                UnsafeBufferPointer(rebasing: buffer[0..<batchBlocks * sampleCount]))
                            if written == 0 {
                                sched_yield()
                                continue
                            }
                            // Blocks not written go first in the next batch.
                            if written < batchBlocks {
                                for block in 0..<(batchBlocks - written) {
                                    buffer[block * sampleCount] = buffer[(block + written) * sampleCount]
                                }
                            }
                            sent += written
                        }
                    }
                }),
            let consumer = try? AudioThread.start(
                name: "bench-consumer",
                body: {
                    var batch = [Int16](repeating: 0, count: batchSampleCount)
                    var received = 0
                    batch.withUnsafeMutableBufferPointer { buffer in
                        while received < blockCount {
                            let read = queue.read(into: buffer)
                            if read == 0 {
                                sched_yield()
                                continue
                            }
                            for block in 0..<read
                            where buffer[block * sampleCount] != Int16(truncatingIfNeeded: received + block) {
                                errors.add(1, ordering: .relaxed)
                            }
                            received += read
                        }
                    }
                })
        else {
            return 0
        }
        producer.join()
        consumer.join()
        let seconds = monotonicSeconds() - start
        return errors.load(ordering: .relaxed) == 0 ? Double(blockCount) / seconds : 0
    }
}

/// What the benchmark needs of a queue of fixed-size blocks.
protocol BenchmarkQueue: Sendable {
    /// Copies whole blocks in; returns how many fitted.
    func write(_ blocks: UnsafeBufferPointer<Int16>) -> Int
    /// Copies up to `destination.count / blockSampleCount` blocks out; returns how many.
    func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int
}

/// The product's lock-free ring.
struct RingQueue: BenchmarkQueue {
    let ring: BlockRingBuffer<Int16>

    init(blockCapacity: Int) {
        self.ring = BlockRingBuffer(
            minimumBlockCapacity: blockCapacity, blockSampleCount: RingBenchmark.lineBlockSampleCount)
    }

    func write(_ blocks: UnsafeBufferPointer<Int16>) -> Int { self.ring.tryWrite(blocks: blocks) }

    func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int {
        self.ring.tryRead(blocksInto: destination)
    }
}

/// The baseline: a preallocated circular array of blocks behind one `Mutex`, taken once per batch.
///
/// `@unchecked Sendable`: `storage` is read and written only inside `state.withLock`.
final class MutexQueue: BenchmarkQueue, @unchecked Sendable {
    private struct State {
        var readBlock = 0
        var blockCount = 0
    }

    private let state: Mutex<State>
    private let storage: UnsafeMutableBufferPointer<Int16>
    private let blockCapacity: Int
    private let blockSampleCount = RingBenchmark.lineBlockSampleCount

    init(blockCapacity: Int) {
        self.blockCapacity = blockCapacity
        self.storage = .allocate(capacity: blockCapacity * RingBenchmark.lineBlockSampleCount)
        self.storage.initialize(repeating: 0)
        self.state = Mutex(State())
    }

    deinit {
        self.storage.deallocate()
    }

    func write(_ blocks: UnsafeBufferPointer<Int16>) -> Int {
        let blockSampleCount = self.blockSampleCount
        let capacity = self.blockCapacity
        let storage = self.storage
        return self.state.withLock { state in
            let count = min(blocks.count / blockSampleCount, capacity - state.blockCount)
            for index in 0..<count {
                let slot = (state.readBlock + state.blockCount + index) % capacity
                (storage.baseAddress! + slot * blockSampleCount).update(
                    from: blocks.baseAddress! + index * blockSampleCount, count: blockSampleCount)
            }
            state.blockCount += count
            return count
        }
    }

    func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int {
        let blockSampleCount = self.blockSampleCount
        let capacity = self.blockCapacity
        let storage = self.storage
        return self.state.withLock { state in
            let count = min(destination.count / blockSampleCount, state.blockCount)
            for index in 0..<count {
                let slot = (state.readBlock + index) % capacity
                (destination.baseAddress! + index * blockSampleCount).update(
                    from: storage.baseAddress! + slot * blockSampleCount, count: blockSampleCount)
            }
            state.readBlock = (state.readBlock + count) % capacity
            state.blockCount -= count
            return count
        }
    }
}

/// The first queue most code would write: an array of block arrays behind one `Mutex`, one new array per block.
final class ArrayMutexQueue: BenchmarkQueue {
    private let blocks = Mutex<[[Int16]]>([])
    private let blockCapacity: Int
    private let blockSampleCount = RingBenchmark.lineBlockSampleCount

    init(blockCapacity: Int) {
        self.blockCapacity = blockCapacity
    }

    func write(_ source: UnsafeBufferPointer<Int16>) -> Int {
        let blockSampleCount = self.blockSampleCount
        let capacity = self.blockCapacity
        return self.blocks.withLock { blocks in
            let count = min(source.count / blockSampleCount, capacity - blocks.count)
            for index in 0..<count {
                blocks.append(Array(source[index * blockSampleCount..<(index + 1) * blockSampleCount]))
            }
            return count
        }
    }

    func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int {
        let blockSampleCount = self.blockSampleCount
        return self.blocks.withLock { blocks in
            let count = min(destination.count / blockSampleCount, blocks.count)
            for index in 0..<count {
                _ = UnsafeMutableBufferPointer(rebasing: destination[(index * blockSampleCount)...])
                    .update(fromContentsOf: blocks[index])
            }
            blocks.removeFirst(count)
            return count
        }
    }
}
