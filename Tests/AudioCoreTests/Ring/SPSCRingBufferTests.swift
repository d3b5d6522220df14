import Testing

@testable import AudioCore

@Suite("Ring buffer")
struct SPSCRingBufferTests {
    @Test("A requested capacity is rounded up to the next power of two")
    func capacityRoundsUp() {
        for (requested, expected) in [(1, 1), (2, 2), (3, 4), (5, 8), (160, 256), (1024, 1024), (1025, 2048)] {
            #expect(SPSCRingBuffer<Int16>(minimumCapacity: requested).capacity == expected)
            #expect(
                BlockRingBuffer<Float>(minimumBlockCapacity: requested, blockSampleCount: 3).blockCapacity == expected)
        }
    }

    @Test("A stale copy of the other side's index never hides room or data that was asked for")
    func staleIndexCopies() {
        let ring = SPSCRingBuffer<Int>(minimumCapacity: 8)
        var values = Array(0..<8)
        var out = [Int](repeating: -1, count: 8)

        // Producer's copy of the read index says "full", consumer's copy of the write index says "empty".
        #expect(values.withUnsafeBufferPointer { ring.tryWrite($0) } == 8)
        #expect(out.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 8)
        #expect(out == Array(0..<8))

        // Both copies are now stale; asking for everything must still find everything.
        values = Array(8..<16)
        #expect(values.withUnsafeBufferPointer { ring.tryWrite($0) } == 8)
        #expect(out.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 8)
        #expect(out == Array(8..<16))

        // Asking for less than is there may see a smaller region, but never less than was asked for.
        #expect(values.withUnsafeBufferPointer { ring.tryWrite(UnsafeBufferPointer(rebasing: $0[0..<3])) } == 3)
        let seen = ring.withUnsafeReadableRegions(wanting: 2) { first, second in
            #expect(first.count + second.count >= 2)
            return 0
        }
        #expect(seen == 0)
        var heldCount = 0
        ring.withUnsafeReadableRegions { first, second in
            heldCount = first.count + second.count
            return 0
        }
        #expect(heldCount == 3)
        var freeCount = 0
        ring.withUnsafeWritableRegions { first, second in
            freeCount = first.count + second.count
            return 0
        }
        #expect(freeCount == 5)
    }

    @Test("An empty ring reads nothing; a full ring writes nothing")
    func emptyAndFullEdges() {
        let ring = SPSCRingBuffer<Int>(minimumCapacity: 4)
        #expect(ring.isEmpty)
        #expect(ring.tryRead() == nil)
        var scratch = [Int](repeating: -1, count: 8)
        #expect(scratch.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 0)

        #expect([1, 2, 3, 4, 5, 6].withUnsafeBufferPointer { ring.tryWrite($0) } == 4)
        #expect(ring.isFull)
        #expect(ring.count == 4)
        #expect(!ring.tryWrite(7))
        #expect([8].withUnsafeBufferPointer { ring.tryWrite($0) } == 0)
        let lent = ring.withUnsafeWritableRegions { first, second in
            #expect(first.isEmpty && second.isEmpty)
            return 0
        }
        #expect(lent == 0)

        #expect(scratch.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 4)
        #expect(Array(scratch[..<4]) == [1, 2, 3, 4])
        #expect(scratch[4] == -1)
        #expect(ring.isEmpty)
        let empty = ring.withUnsafeReadableRegions { first, second in
            #expect(first.isEmpty && second.isEmpty)
            return 0
        }
        #expect(empty == 0)
    }

    @Test("tryWrite and tryRead move only what fits and report the partial count")
    func partialCounts() {
        let ring = SPSCRingBuffer<Int16>(minimumCapacity: 8)
        #expect((0..<5).map(Int16.init).withUnsafeBufferPointer { ring.tryWrite($0) } == 5)
        #expect((5..<12).map(Int16.init).withUnsafeBufferPointer { ring.tryWrite($0) } == 3)
        var small = [Int16](repeating: 0, count: 3)
        #expect(small.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 3)
        #expect(small == [0, 1, 2])
        #expect((8..<12).map(Int16.init).withUnsafeBufferPointer { ring.tryWrite($0) } == 3)
        var large = [Int16](repeating: 0, count: 20)
        #expect(large.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 8)
        #expect(Array(large[..<8]) == [3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test("The two regions split exactly at the end of storage and continue at its start")
    func regionsAcrossTheWrap() {
        let ring = SPSCRingBuffer<Int>(minimumCapacity: 8)
        #expect((0..<6).map { $0 }.withUnsafeBufferPointer { ring.tryWrite($0) } == 6)
        var drained = [Int](repeating: 0, count: 5)
        #expect(drained.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) } == 5)

        // Read index 5, write index 6: the free run is slots 6, 7, then 0 to 4.
        let written = ring.withUnsafeWritableRegions { first, second in
            #expect(first.count == 2)
            #expect(second.count == 5)
            #expect(first.baseAddress! + 2 - 8 == second.baseAddress!)
            for index in first.indices { first[index] = 100 + index }
            for index in second.indices { second[index] = 102 + index }
            // Fill all of first and part of second, leaving two slots free.
            return first.count + 3
        }
        #expect(written == 5)
        #expect(ring.count == 6)

        let consumed = ring.withUnsafeReadableRegions { first, second in
            #expect(Array(first) == [5, 100, 101])
            #expect(Array(second) == [102, 103, 104])
            return 4
        }
        #expect(consumed == 4)
        #expect(ring.tryRead() == 103)
        #expect(ring.tryRead() == 104)
        #expect(ring.tryRead() == nil)
    }

    @Test("A throwing region body publishes nothing")
    func throwingBodyCommitsNothing() {
        struct Stop: Error {}
        let ring = SPSCRingBuffer<UInt8>(minimumCapacity: 4)
        #expect(throws: Stop.self) {
            try ring.withUnsafeWritableRegions { first, _ in
                first[0] = 1
                throw Stop()
            }
        }
        #expect(ring.isEmpty)
    }

    @Test("Wrap-around keeps FIFO order at every capacity from 1 to 1024 elements")
    func wrapAtEveryCapacity() {
        for requested in 1...1024 {
            let ring = SPSCRingBuffer<UInt32>(minimumCapacity: requested)
            let capacity = ring.capacity
            var generator = SeededRandomNumberGenerator(seed: UInt64(requested))
            var nextWritten: UInt32 = 0
            var nextRead: UInt32 = 0
            var failures = 0
            var scratch = [UInt32](repeating: 0, count: capacity + 1)

            // Four times the capacity goes through the ring: at least three wraps of each index.
            while nextRead < UInt32(4 * capacity) {
                let held = Int(nextWritten - nextRead)
                let wantWrite = Int.random(in: 1...(capacity + 1), using: &generator)
                let source = (0..<UInt32(wantWrite)).map { nextWritten + $0 }
                let written =
                    Bool.random(using: &generator)
                    ? source.withUnsafeBufferPointer { ring.tryWrite($0) }
                    : ring.withUnsafeWritableRegions { first, second in
                        if first.count + second.count != capacity - held { failures += 1 }
                        let count = min(wantWrite, first.count + second.count)
                        for index in 0..<count {
                            if index < first.count {
                                first[index] = source[index]
                            } else {
                                second[index - first.count] = source[index]
                            }
                        }
                        return count
                    }
                if written != min(wantWrite, capacity - held) { failures += 1 }
                nextWritten += UInt32(written)

                let wantRead = Int.random(in: 1...(capacity + 1), using: &generator)
                let read = scratch.withUnsafeMutableBufferPointer {
                    ring.tryRead(into: UnsafeMutableBufferPointer(rebasing: $0[..<wantRead]))
                }
                if read != min(wantRead, Int(nextWritten - nextRead)) { failures += 1 }
                for index in 0..<read where scratch[index] != nextRead + UInt32(index) { failures += 1 }
                nextRead += UInt32(read)
            }
            #expect(failures == 0, "capacity \(capacity) (requested \(requested))")
            #expect(ring.count == Int(nextWritten - nextRead))
        }
    }

    @Test("A zero capacity traps")
    func zeroCapacityTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = SPSCRingBuffer<Float>(minimumCapacity: 0)
        }
    }

    @Test("Claiming more written elements than the regions offered traps")
    func overcommitTraps() async {
        await #expect(processExitsWith: .failure) {
            let ring = SPSCRingBuffer<Float>(minimumCapacity: 4)
            ring.withUnsafeWritableRegions { first, second in first.count + second.count + 1 }
        }
    }
}
