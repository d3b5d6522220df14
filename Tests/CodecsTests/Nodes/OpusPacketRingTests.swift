import Testing

@testable import Codecs

@Suite("Opus packet ring")
struct OpusPacketRingTests {
    static func write(_ bytes: [UInt8], to ring: OpusPacketRing) -> OpusPacketRing.WriteResult {
        bytes.withUnsafeBufferPointer { ring.tryWrite($0) }
    }

    static func read(from ring: OpusPacketRing) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: ring.maximumPacketByteCount)
        let byteCount = buffer.withUnsafeMutableBufferPointer { ring.tryRead(into: $0) }
        return byteCount.map { Array(buffer[..<$0]) }
    }

    @Test("packets of any length up to the slot come out whole and in order, across the wrap")
    func roundTrip() {
        let ring = OpusPacketRing(minimumPacketCapacity: 3, maximumPacketByteCount: 300)
        #expect(ring.packetCapacity == 4)
        for index in 0..<40 {
            let packet = (0..<(1 + index * 7 % 300)).map { UInt8(truncatingIfNeeded: $0 &+ index) }
            #expect(Self.write(packet, to: ring) == .written)
            if index % 2 == 1 {
                #expect(ring.tryWriteLostPacket())
                #expect(
                    Self.read(from: ring)
                        == (0..<(1 + (index - 1) * 7 % 300)).map { UInt8(truncatingIfNeeded: $0 &+ index - 1) })
                #expect(Self.read(from: ring) == packet)
                #expect(Self.read(from: ring) == [])
            }
        }
        #expect(Self.read(from: ring) == nil)
    }

    @Test("a full ring and an oversized packet are refused without writing")
    func refusals() {
        let ring = OpusPacketRing(minimumPacketCapacity: 2, maximumPacketByteCount: 10)
        #expect(Self.write([UInt8](repeating: 1, count: 11), to: ring) == .tooLarge)
        #expect(ring.packetCount == 0)
        #expect(Self.write([1], to: ring) == .written)
        #expect(Self.write([2, 2], to: ring) == .written)
        #expect(Self.write([3], to: ring) == .full)
        #expect(!ring.tryWriteLostPacket())
        #expect(ring.packetCount == 2)
    }

    @Test("the consumer sees the slot after the oldest, also when it sits across the end of storage")
    func nextSlot() {
        let ring = OpusPacketRing(minimumPacketCapacity: 2, maximumPacketByteCount: 8)
        #expect(Self.write([9], to: ring) == .written)
        #expect(Self.read(from: ring) == [9])
        // The oldest is now in the last slot and the next one wraps to the first.
        #expect(ring.tryWriteLostPacket())
        #expect(Self.write([4, 5], to: ring) == .written)
        var seen: [String] = []
        let freed = ring.withUnsafeOldestSlots { oldest, next in
            for slot in [oldest, next] {
                switch slot {
                case nil: seen.append("none")
                case .lost: seen.append("lost")
                case .packet(let bytes): seen.append("\(Array(bytes))")
                }
            }
            return false
        }
        #expect(!freed)
        #expect(seen == ["lost", "[4, 5]"])
        #expect(ring.packetCount == 2)
    }
}
