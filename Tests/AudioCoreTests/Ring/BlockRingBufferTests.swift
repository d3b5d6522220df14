import Testing

@testable import AudioCore

@Suite("Block ring buffer")
struct BlockRingBufferTests {
    /// A block whose samples encode its sequence number, so any tear or reorder shows.
    static func block(_ sequence: UInt32, blockSampleCount: Int) -> [UInt32] {
        (0..<blockSampleCount).map { sequence &* 31 &+ UInt32($0) }
    }

    @Test("A ring sized from a block layout holds whole 10 ms blocks")
    func layoutSizing() {
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 3, layout: AudioFormat.wideband.blockLayout(.graph))
        #expect(ring.blockSampleCount == 160)
        #expect(ring.blockCapacity == 4)
    }

    @Test("Full and empty edges count whole blocks")
    func edges() {
        let ring = BlockRingBuffer<Int16>(minimumBlockCapacity: 2, blockSampleCount: 3)
        var destination = [Int16](repeating: -1, count: 7)
        #expect(destination.withUnsafeMutableBufferPointer { ring.tryRead(blocksInto: $0) } == 0)

        let source: [Int16] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(source.withUnsafeBufferPointer { ring.tryWrite(blocks: $0) } == 2)
        #expect(ring.isFull)
        #expect(ring.blockCount == 2)
        #expect(source.withUnsafeBufferPointer { ring.tryWrite(blocks: $0) } == 0)

        // Seven samples of room hold two whole blocks; the seventh sample is left alone.
        #expect(destination.withUnsafeMutableBufferPointer { ring.tryRead(blocksInto: $0) } == 2)
        #expect(destination == [1, 2, 3, 4, 5, 6, -1])
        #expect(ring.isEmpty)
    }

    @Test("Block regions split at the end of storage and index whole blocks")
    func regionsAcrossTheWrap() {
        let ring = BlockRingBuffer<UInt32>(minimumBlockCapacity: 4, blockSampleCount: 2)
        let three = (0..<3).flatMap { Self.block($0, blockSampleCount: 2) }
        #expect(three.withUnsafeBufferPointer { ring.tryWrite(blocks: $0) } == 3)
        var scratch = [UInt32](repeating: 0, count: 4)
        #expect(scratch.withUnsafeMutableBufferPointer { ring.tryRead(blocksInto: $0) } == 2)

        // Read block 2, write block 3: free blocks are slot 3, then slots 0 and 1.
        let filled = ring.withUnsafeWritableRegions { first, second in
            #expect(first.blockCount == 1)
            #expect(second.blockCount == 2)
            _ = first[block: 0].update(fromContentsOf: Self.block(3, blockSampleCount: 2))
            _ = second[block: 0].update(fromContentsOf: Self.block(4, blockSampleCount: 2))
            _ = second[block: 1].update(fromContentsOf: Self.block(5, blockSampleCount: 2))
            return 3
        }
        #expect(filled == 3)
        #expect(ring.isFull)

        let consumed = ring.withUnsafeReadableRegions { first, second in
            #expect(first.blockCount == 2)
            #expect(second.blockCount == 2)
            #expect(Array(first[block: 1]) == Self.block(3, blockSampleCount: 2))
            #expect(Array(second[block: 1]) == Self.block(5, blockSampleCount: 2))
            return 3
        }
        #expect(consumed == 3)
        #expect(ring.blockCount == 1)
    }

    @Test("Wrap-around keeps block order and contents at every capacity from 1 to 1024 blocks")
    func wrapAtEveryCapacity() {
        let blockSampleCount = 2
        for requested in 1...1024 {
            let ring = BlockRingBuffer<UInt32>(minimumBlockCapacity: requested, blockSampleCount: blockSampleCount)
            let capacity = ring.blockCapacity
            var generator = SeededRandomNumberGenerator(seed: UInt64(requested) &* 7919)
            var nextWritten: UInt32 = 0
            var nextRead: UInt32 = 0
            var failures = 0
            var scratch = [UInt32](repeating: 0, count: (capacity + 1) * blockSampleCount)

            func fill(_ block: UnsafeMutableBufferPointer<UInt32>, sequence: UInt32) {
                for sample in block.indices { block[sample] = sequence &* 31 &+ UInt32(sample) }
            }

            // Four times the capacity goes through the ring: at least three wraps of each index.
            while nextRead < UInt32(4 * capacity) {
                let held = Int(nextWritten - nextRead)
                let wantWrite = Int.random(in: 1...(capacity + 1), using: &generator)
                let written: Int
                if Bool.random(using: &generator) {
                    var source = [UInt32](repeating: 0, count: wantWrite * blockSampleCount)
                    source.withUnsafeMutableBufferPointer { source in
                        for index in 0..<wantWrite {
                            fill(
                                UnsafeMutableBufferPointer(
                                    rebasing: source[(index * blockSampleCount)..<((index + 1) * blockSampleCount)]),
                                sequence: nextWritten + UInt32(index))
                        }
                    }
                    written = source.withUnsafeBufferPointer { ring.tryWrite(blocks: $0) }
                } else {
                    written = ring.withUnsafeWritableRegions { first, second in
                        if first.blockCount + second.blockCount != capacity - held { failures += 1 }
                        let count = min(wantWrite, first.blockCount + second.blockCount)
                        for index in 0..<count {
                            let block =
                                index < first.blockCount ? first[block: index] : second[block: index - first.blockCount]
                            fill(block, sequence: nextWritten + UInt32(index))
                        }
                        return count
                    }
                }
                if written != min(wantWrite, capacity - held) { failures += 1 }
                nextWritten += UInt32(written)

                let wantRead = Int.random(in: 1...(capacity + 1), using: &generator)
                let read = scratch.withUnsafeMutableBufferPointer {
                    ring.tryRead(blocksInto: UnsafeMutableBufferPointer(rebasing: $0[..<(wantRead * blockSampleCount)]))
                }
                if read != min(wantRead, Int(nextWritten - nextRead)) { failures += 1 }
                for index in 0..<(read * blockSampleCount) {
                    let sequence = nextRead + UInt32(index / blockSampleCount)
                    if scratch[index] != sequence &* 31 &+ UInt32(index % blockSampleCount) { failures += 1 }
                }
                nextRead += UInt32(read)
            }
            #expect(failures == 0, "capacity \(capacity) blocks (requested \(requested))")
        }
    }

    @Test("Writing a partial block traps")
    func partialBlockTraps() async {
        await #expect(processExitsWith: .failure) {
            let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 4, blockSampleCount: 4)
            _ = [Float](repeating: 0, count: 6).withUnsafeBufferPointer { ring.tryWrite(blocks: $0) }
        }
    }

    @Test("Consuming more blocks than the regions held traps")
    func overconsumeTraps() async {
        await #expect(processExitsWith: .failure) {
            let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 4, blockSampleCount: 4)
            ring.withUnsafeReadableRegions { _, _ in 1 }
        }
    }
}
