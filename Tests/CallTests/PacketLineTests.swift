import AudioCore
import Foundation
import Testing

@testable import Call

/// A packet call's two halves: the caller's phone (`PacketSender`) and the engine's jitter buffer
/// (`PacketReceiver`), joined by a network simulated here tick by tick (one tick a 10 ms block).
@Suite("Packet line")
struct PacketLineTests {
    static let blockFrameCount = PacketReceiver.blockFrameCount
    static let packetCodecs: [LineCodec] = [.pcmu, .pcma, .opus]

    /// What a run of the line gave: the audio read, whether each block was flagged concealed, and the receiver.
    struct Run {
        var output: [Float]
        var flags: [Bool]
        var receiver: PacketReceiver
        var sentCount: Int

        /// The indices of the blocks flagged concealed.
        var flaggedBlocks: [Int] { self.flags.indices.filter { self.flags[$0] } }
    }

    /// `input` sent block by block and read back, one block a tick, over a network that delivers packet `k` (counted
    /// from 0) `delivery(k)` ticks after the tick that completed it: no entry drops it, two send it twice. `alter`
    /// may damage a packet before it leaves. Packets due at a tick are received in the order they were scheduled,
    /// before that tick's read.
    static func run(
        _ input: [Float], codec: LineCodec, complexity: Int = 5, firstSequenceNumber: UInt16 = 0,
        playoutDelayMilliseconds: Int = 60, delivery: (Int) -> [Int] = { _ in [0] },
        alter: (inout VoicePacket, Int) -> Void = { _, _ in }
    ) throws -> Run {
        let sender = try PacketSender(codec: codec, complexity: complexity, firstSequenceNumber: firstSequenceNumber)
        let receiver = try PacketReceiver(codec: codec, playoutDelayMilliseconds: playoutDelayMilliseconds)
        let tickCount = input.count / Self.blockFrameCount
        var inbox = [[VoicePacket]](repeating: [], count: tickCount + 64)
        var output: [Float] = []
        var flags: [Bool] = []
        var block = [Float](repeating: 0, count: Self.blockFrameCount)
        var sentCount = 0
        for tick in 0..<tickCount {
            let start = tick * Self.blockFrameCount
            let sent = input[start..<start + Self.blockFrameCount].withUnsafeBufferPointer { sender.send($0) }
            if var packet = sent {
                alter(&packet, sentCount)
                for offset in delivery(sentCount) { inbox[tick + offset].append(packet) }
                sentCount += 1
            }
            for packet in inbox[tick] { receiver.receive(packet) }
            flags.append(block.withUnsafeMutableBufferPointer { receiver.read(into: $0) })
            output += block
        }
        #expect(sender.encodingFailureCount == 0)
        return Run(output: output, flags: flags, receiver: receiver, sentCount: sentCount)
    }

    /// Blocks from the start of the input to the start of its first packet's playout: a block for the packet to
    /// fill, then the 60 ms playout delay.
    static let playoutLagBlockCount = 1 + 6

    /// The block at which packet `index` starts playing, on a line whose first packet arrived at once.
    static func playoutBlock(ofPacket index: Int) -> Int { Self.playoutLagBlockCount + 2 * index }

    /// `seconds` of a sine at `hertz`, amplitude 0.3.
    static func tone(hertz: Double, seconds: Double = 1) -> [Float] {
        LineTransportTests.tone(hertz: hertz, seconds: seconds)
    }

    static func power(_ samples: ArraySlice<Float>) -> Double { LineTransportTests.power(samples) }

    @Test("A sweep goes through sender and receiver at its level, a fixed delay behind", arguments: packetCodecs)
    func roundTrip(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let run = try Self.run(voice, codec: codec)
        let (correlation, lag) = LineTransportTests.alignment(voice, run.output, maximumLag: 1600)
        // The packet's second block and the 60 ms playout delay, 70 ms; then the resamplers' filters for G.711 (80
        // frames each way at 16 kHz) or the encoder's 6.5 ms look-ahead for Opus: 1280 or 1224 frames in all.
        let expectedLag = Self.playoutLagBlockCount * Self.blockFrameCount + (codec == .opus ? 104 : 160)
        #expect(abs(lag - expectedLag) <= 8, "delayed \(lag) frames, not \(expectedLag)")
        #expect(correlation > 0.99, "correlation \(correlation)")

        let tone = Self.tone(hertz: 1000)
        let carried = try Self.run(tone, codec: codec).output
        let half = tone.count / 2
        let gainDB = 10 * log10(Self.power(carried[half...]) / Self.power(tone[half...]))
        #expect(abs(gainDB) < (codec == .opus ? 1 : 0.5), "a 1 kHz tone comes out \(gainDB) dB from its level")

        #expect(run.flaggedBlocks.isEmpty)
        let counters = run.receiver.counters
        #expect(counters.receivedCount == run.sentCount)
        #expect(counters.concealedCount == 0)
        #expect(counters.lateCount == 0 && counters.duplicateCount == 0 && counters.malformedCount == 0)
        // Every packet whose time came within the run was played.
        #expect(counters.playedCount == (run.output.count / Self.blockFrameCount - Self.playoutLagBlockCount + 1) / 2)
    }

    @Test("Packets reordered by up to the playout delay play in order, with nothing concealed", arguments: packetCodecs)
    func reorderedWithinDelay(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let clean = try Self.run(voice, codec: codec)
        // Every packet but the first held back 0 … 6 ticks (60 ms) at random: packets overtake one another.
        var random = SeededRandomNumberGenerator(seed: 11)
        let jitter = (0..<100).map { $0 == 0 ? 0 : Int(random.next() % 7) }
        let jittered = try Self.run(voice, codec: codec, delivery: { [jitter[$0]] })
        #expect(jitter.indices.dropLast().contains { jitter[$0] > jitter[$0 + 1] + 2 }, "no packet overtook another")
        #expect(jittered.output == clean.output)
        #expect(jittered.flaggedBlocks.isEmpty)
        #expect(jittered.receiver.counters.concealedCount == 0)
        #expect(jittered.receiver.counters.lateCount == 0)
    }

    @Test("A first packet overtaken by the next ones still plays, before them")
    func firstPacketOvertaken() throws {
        let voice = LineTransportTests.sweep()
        // Packet 0 arrives 60 ms late, after packets 1 and 2.
        let run = try Self.run(voice, codec: .pcmu, delivery: { $0 == 0 ? [6] : [0] })
        #expect(run.receiver.counters.concealedCount == 0)
        #expect(run.receiver.counters.lateCount == 0)
        #expect(run.flaggedBlocks.isEmpty)
        // Playout started when packet 1 arrived, a packet later than on a clean line, and begins with packet 0.
        let (correlation, lag) = LineTransportTests.alignment(voice, run.output, maximumLag: 2000)
        #expect(correlation > 0.99, "correlation \(correlation)")
        #expect(lag == Self.playoutBlock(ofPacket: 1) * Self.blockFrameCount + 160, "delayed \(lag) frames")
    }

    @Test("A dropped packet is concealed and flagged, with the packet after it", arguments: packetCodecs)
    func droppedPacket(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let run = try Self.run(voice, codec: codec, delivery: { $0 == 10 ? [] : [0] })
        let lost = Self.playoutBlock(ofPacket: 10)
        #expect(run.flaggedBlocks == Array(lost..<lost + 4))
        #expect(run.receiver.counters.concealedCount == 1)
        #expect(run.receiver.counters.lateCount == 0)
        // Concealment plays something in the lost packet's first block: the last packet at half level, or Opus's
        // extrapolation.
        let concealed = run.output[lost * Self.blockFrameCount..<(lost + 1) * Self.blockFrameCount]
        #expect(Self.power(concealed) > 1e-4)
    }

    @Test("A packet arriving after its playout time is counted late and not played", arguments: packetCodecs)
    func latePacket(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let dropped = try Self.run(voice, codec: codec, delivery: { $0 == 10 ? [] : [0] })
        // 80 ms after it was sent: 20 ms past the playout delay.
        let late = try Self.run(voice, codec: codec, delivery: { $0 == 10 ? [8] : [0] })
        #expect(late.receiver.counters.lateCount == 1)
        #expect(late.receiver.counters.concealedCount == 1)
        #expect(late.receiver.counters.playedCount == dropped.receiver.counters.playedCount)
        #expect(late.output == dropped.output)
        #expect(late.flags == dropped.flags)
    }

    @Test("A duplicate is counted and dropped, whether its first copy waits or has played", arguments: packetCodecs)
    func duplicates(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let clean = try Self.run(voice, codec: codec)
        // Packet 10 twice within a tick (waiting), packet 12 again 200 ms later (played).
        let doubled = try Self.run(
            voice, codec: codec,
            delivery: {
                switch $0 {
                case 10: [0, 1]
                case 12: [0, 20]
                default: [0]
                }
            })
        #expect(doubled.receiver.counters.duplicateCount == 2)
        #expect(doubled.receiver.counters.receivedCount == doubled.sentCount + 2)
        #expect(doubled.receiver.counters.concealedCount == 0)
        #expect(doubled.output == clean.output)
    }

    @Test("Playout goes on across the sequence number's wrap from 65535 to 0", arguments: packetCodecs)
    func sequenceWrap(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        let clean = try Self.run(voice, codec: codec)
        // Packet 20 is 65535; 21 (sequence 0) overtakes it.
        let wrapped = try Self.run(
            voice, codec: codec, firstSequenceNumber: 65_515, delivery: { $0 == 20 ? [3] : [0] })
        #expect(wrapped.output == clean.output)
        #expect(wrapped.flaggedBlocks.isEmpty)
        #expect(wrapped.receiver.counters.concealedCount == 0)
        #expect(wrapped.receiver.counters.playedCount == clean.receiver.counters.playedCount)
    }

    @Test("Damaged payloads are concealed and counted malformed", arguments: packetCodecs)
    func malformedPayloads(codec: LineCodec) throws {
        let voice = LineTransportTests.sweep()
        // Packets 10 … 14 and 20: no bytes, a byte count past the payload, a negative one, the wrong length for G.711
        // or a 60 ms Opus packet, a code-3 Opus packet that claims no frames, and one past the end of memory.
        let damaged: Set<Int> = [10, 11, 12, 13, 14, 20]
        let run = try Self.run(
            voice, codec: codec,
            alter: { packet, index in
                switch index {
                case 10: packet.byteCount = 0
                case 11: packet.byteCount = VoicePacket.payloadCapacity + 1
                case 12: packet.byteCount = -5
                case 13:
                    // G.711: 100 codes. Opus: table of contents 0x18, SILK narrowband 60 ms.
                    if codec == .opus { packet.payload[0] = 0x18 } else { packet.byteCount = 100 }
                case 14:
                    packet.payload[0] = 0x03
                    packet.payload[1] = 0
                    if codec != .opus { packet.byteCount = 2 }
                case 20: packet.byteCount = .max
                default: break
                }
            })
        let counters = run.receiver.counters
        #expect(counters.malformedCount == damaged.count)
        #expect(counters.concealedCount == damaged.count)
        let flagged = Set(run.flaggedBlocks)
        for index in damaged { #expect(flagged.contains(Self.playoutBlock(ofPacket: index))) }
        #expect(run.output.allSatisfy { $0.isFinite && abs($0) <= 1.5 })
    }

    @Test(
        "Random payloads and sequence numbers never crash the receiver, and every packet time is accounted for",
        arguments: packetCodecs)
    func randomGarbage(codec: LineCodec) throws {
        let receiver = try PacketReceiver(codec: codec)
        let sender = try PacketSender(codec: codec)
        var random = SeededRandomNumberGenerator(seed: 23)
        let tone = Self.tone(hertz: 440, seconds: 2)
        var block = [Float](repeating: 0, count: Self.blockFrameCount)
        var handedCount = 0
        for tick in 0..<tone.count / Self.blockFrameCount {
            let start = tick * Self.blockFrameCount
            if let packet = tone[start..<start + Self.blockFrameCount].withUnsafeBufferPointer({ sender.send($0) }) {
                receiver.receive(packet)
                handedCount += 1
            }
            // Two packets of noise a tick, once the caller's first packet is in (it sets the playout's start):
            // random numbers and bytes, one with a byte count the codec could send, one with any (some out of range).
            for garbageIndex in 0..<(tick < 2 ? 0 : 2) {
                let byteCount =
                    garbageIndex == 0
                    ? (codec == .opus ? Int.random(in: 1...120, using: &random) : 160)
                    : Int.random(in: -8...VoicePacket.payloadCapacity + 8, using: &random)
                var garbage = VoicePacket(
                    sequenceNumber: UInt16.random(in: 0...UInt16.max, using: &random),
                    timestamp: UInt32.random(in: 0...UInt32.max, using: &random), byteCount: byteCount,
                    payload: .init(repeating: 0))
                for index in 0..<VoicePacket.payloadCapacity {
                    garbage.payload[index] = UInt8.random(in: 0...255, using: &random)
                }
                receiver.receive(garbage)
                handedCount += 1
            }
            block.withUnsafeMutableBufferPointer { _ = receiver.read(into: $0) }
            #expect(block.allSatisfy { $0.isFinite && abs($0) <= 2 })
        }
        let counters = receiver.counters
        #expect(counters.receivedCount == handedCount)
        // Every packet time from the start of playout was played or concealed.
        let packetTimes = (tone.count / Self.blockFrameCount - Self.playoutLagBlockCount + 1) / 2
        #expect(counters.playedCount + counters.concealedCount == packetTimes)
        #expect(counters.malformedCount > 0 && counters.outOfWindowCount > 0)
        // Random numbers are almost never near one another: the window stays with the caller's stream.
        #expect(counters.resynchronizationCount == 0)
    }

    @Test("A lone far-off sequence number is dropped; a stream that jumps is followed after a few packets")
    func sequenceJumps() throws {
        let voice = LineTransportTests.sweep()
        let clean = try Self.run(voice, codec: .pcmu)
        // One stray: packet 15 numbered 30 000 ahead.
        let stray = try Self.run(
            voice, codec: .pcmu, alter: { packet, index in if index == 15 { packet.sequenceNumber &+= 30_000 } })
        #expect(stray.receiver.counters.outOfWindowCount == 1)
        #expect(stray.receiver.counters.resynchronizationCount == 0)
        #expect(stray.receiver.counters.concealedCount == 1)

        // From packet 20 on the caller's numbering jumps by 10 000.
        let jumped = try Self.run(
            voice, codec: .pcmu, alter: { packet, index in if index >= 20 { packet.sequenceNumber &+= 10_000 } })
        let counters = jumped.receiver.counters
        #expect(counters.resynchronizationCount == 1)
        #expect(counters.outOfWindowCount == PacketReceiver.resynchronizationPacketCount)
        #expect(counters.concealedCount <= 8, "\(counters.concealedCount) concealed")
        let tail = jumped.output.count * 3 / 4
        #expect(Self.power(jumped.output[tail...]) > 0.5 * Self.power(clean.output[tail...]))
    }

    @Test("A receiver that never gets a packet plays silence and flags nothing", arguments: packetCodecs)
    func noPackets(codec: LineCodec) throws {
        let receiver = try PacketReceiver(codec: codec)
        var block = [Float](repeating: 1, count: Self.blockFrameCount)
        for _ in 0..<100 {
            #expect(!block.withUnsafeMutableBufferPointer { receiver.read(into: $0) })
            #expect(block.allSatisfy { $0 == 0 })
        }
        let counters = receiver.counters
        #expect(counters.receivedCount == 0 && counters.playedCount == 0 && counters.concealedCount == 0)
    }

    @Test("The sender makes a packet every other block, numbered on across the wrap and stamped 20 ms apart")
    func senderNumbering() throws {
        let sender = try PacketSender(codec: .pcma, firstSequenceNumber: 65_534)
        let block = [Float](repeating: 0.1, count: Self.blockFrameCount)
        var packets: [VoicePacket] = []
        for tick in 0..<8 {
            let packet = block.withUnsafeBufferPointer { sender.send($0) }
            #expect((packet != nil) == (tick % 2 == 1))
            if let packet { packets.append(packet) }
        }
        #expect(packets.map(\.sequenceNumber) == [65_534, 65_535, 0, 1])
        #expect(packets.map(\.timestamp) == [0, 320, 640, 960])
        #expect(packets.allSatisfy { $0.byteCount == 160 })
        #expect(sender.packetCount == 4)
    }

    @Test("Opus packets stay well inside the payload bound, even for loud noise at every complexity")
    func opusPacketBound() throws {
        var random = SeededRandomNumberGenerator(seed: 5)
        let noise = (0..<32_000).map { _ in Float.random(in: -0.9...0.9, using: &random) }
        let signals = [noise, LineTransportTests.sweep(), Self.tone(hertz: 3000)]
        var largest = 0
        for complexity in [0, 5, 10] {
            let sender = try PacketSender(codec: .opus, complexity: complexity)
            for signal in signals {
                for start in stride(from: 0, to: signal.count, by: Self.blockFrameCount) {
                    let packet = signal[start..<start + Self.blockFrameCount].withUnsafeBufferPointer {
                        sender.send($0)
                    }
                    largest = max(largest, packet?.byteCount ?? 0)
                }
            }
            #expect(sender.encodingFailureCount == 0)
        }
        // 24 kbit/s is 60 bytes a packet on average; VBR spends up to about twice that on a hard packet.
        #expect(largest > 0 && largest <= VoicePacket.payloadCapacity / 2, "largest Opus packet \(largest) bytes")
    }

    @Test("A payload larger than the bound is refused when the packet is made")
    func payloadBound() {
        let bytes = [UInt8](repeating: 7, count: VoicePacket.payloadCapacity + 1)
        #expect(bytes.withUnsafeBufferPointer { VoicePacket(sequenceNumber: 0, timestamp: 0, bytes: $0) } == nil)
        let fitting = bytes.dropLast().withUnsafeBufferPointer {
            VoicePacket(sequenceNumber: 0, timestamp: 0, bytes: $0)
        }
        #expect(fitting?.byteCount == VoicePacket.payloadCapacity)
        #expect(MemoryLayout<VoicePacket>.stride == 272)
    }

    @Test("A line without packets, and settings out of range, are refused")
    func refusals() {
        #expect(throws: CallError.self) { try PacketSender(codec: .linear16) }
        #expect(throws: CallError.self) { try PacketReceiver(codec: .linear16) }
        #expect(throws: CallError.self) { try PacketSender(codec: .opus, complexity: 11) }
        #expect(throws: CallError.self) { try PacketReceiver(codec: .pcmu, playoutDelayMilliseconds: -10) }
        #expect(throws: CallError.self) { try PacketReceiver(codec: .pcmu, playoutDelayMilliseconds: 1000) }
        #expect(throws: CallError.self) { try PacketReceiver(codec: .pcmu, capacity: 2) }
    }
}
