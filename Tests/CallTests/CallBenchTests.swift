import AttendantTestSupport
import AudioCore
import Foundation
import Testing

@testable import Call

/// The bench's synthetic callers and network, and a short bench run through the real engine.
@Suite("Call bench", .serialized) struct CallBenchTests {
    @Test(
        "The network path loses about its share, delays each packet by its base plus at most its jitter, the same way for a seed"
    )
    func networkPathDelaysAndLoses() throws {
        func run(seed: UInt64) -> (arrivals: [Int64: Int64], lost: Int) {
            let path = PacketPath(lossPercentage: 10, baseDelayTicks: 2, jitterTicks: 3, seed: seed)
            let ring = SPSCRingBuffer<VoicePacket>(minimumCapacity: 64)
            var arrivals: [Int64: Int64] = [:]
            for tick in Int64(0)..<4000 {
                if tick % 2 == 0 {
                    var packet = VoicePacket(
                        sequenceNumber: 0, timestamp: 0, byteCount: 0, payload: .init(repeating: 0))
                    packet.timestamp = UInt32(tick)
                    path.send(packet, at: tick)
                }
                path.deliver(upTo: tick, into: ring)
                while let packet = ring.tryRead() { arrivals[Int64(packet.timestamp)] = tick }
            }
            return (arrivals, path.lostCount)
        }
        let first = run(seed: 7)
        #expect(first.lost >= 140 && first.lost <= 260, "\(first.lost) of 2000 lost at 10 %")
        #expect(first.arrivals.count + first.lost >= 1995)
        #expect(first.arrivals.allSatisfy { sent, arrived in (2...5).contains(arrived - sent) })
        #expect(Set(first.arrivals.map { $1 - $0 }).count == 4, "every jitter from 0 to 3 ticks occurs")
        let again = run(seed: 7)
        #expect(again.arrivals == first.arrivals && again.lost == first.lost)
        #expect(run(seed: 8).arrivals != first.arrivals)
    }

    @Test("A synthetic caller answers once the agent has stopped, in a packet every 20 ms")
    func syntheticCallerSpeaksInPackets() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "bench-caller")
        let scenario = try DemoScenario.make(in: folder)
        let script = LockedScriptedCaller(
            ScriptedCaller(
                scenario: scenario,
                understander: TurnRecognition(practice: .default, patientNames: []).understander,
                reaction: .milliseconds(500)
            ) { (url) throws(CallError) in try ReplayAudio.read(url) })
        let inbound = SPSCRingBuffer<VoicePacket>(minimumCapacity: 64)
        let events = SPSCRingBuffer<LiveLineEvent>(minimumCapacity: 8)
        let outbound = SPSCRingBuffer<Float>(minimumCapacity: 4096)
        let caller = SyntheticCaller(
            script: script, sender: try PacketSender(codec: .pcmu),
            path: PacketPath(lossPercentage: 0, baseDelayTicks: 2, jitterTicks: 0, seed: 1), inbound: inbound,
            events: events, outbound: outbound)
        caller.firstTick = 100
        let receiver = try PacketReceiver(codec: .pcmu)
        var block = [Float](repeating: 0, count: 160)

        // The agent speaks for 300 ms, then is silent (the engine plays a block of zeros every tick); the caller was
        // asked for its opening.
        let agentBlock = [Float](repeating: 0.2, count: 160)
        let silentBlock = [Float](repeating: 0, count: 160)
        script.asked(.opening, promptStartSampleTime: 0, isKeypad: false, prompt: nil)
        var firstVoicedTick: Int64?
        var packetCount = 0
        for tick in Int64(100)..<400 {
            (tick < 130 ? agentBlock : silentBlock).withUnsafeBufferPointer { _ = outbound.tryWrite($0) }
            caller.tick(tick)
            while let packet = inbound.tryRead() {
                packetCount += 1
                receiver.receive(packet)
            }
            _ = block.withUnsafeMutableBufferPointer { receiver.read(into: $0) }
            if firstVoicedTick == nil, block.contains(where: { abs($0) > 0.01 }) { firstVoicedTick = tick }
        }
        // 300 ticks: a packet every other one, less the two in flight.
        #expect((148...150).contains(packetCount), "\(packetCount) packets")
        let voiced = try #require(firstVoicedTick, "the caller never spoke")
        // The agent stopped at tick 130; the caller waits 500 ms (50 ticks) and starts its recording, whose speech
        // begins after its lead-in; that arrives 2 ticks later and plays after the receiver's 60 ms.
        let opening = try ReplayAudio.read(try #require(scenario.opening))
        let leadInTicks = Int64((opening.firstIndex { abs($0) > 0.01 } ?? 0) / 160)
        let expected = 130 + 50 + leadInTicks + 2 + Int64(PacketReceiver.defaultPlayoutDelayMilliseconds / 10)
        #expect(abs(voiced - expected) <= 2, "first voice at tick \(voiced), expected \(expected)")
        #expect(events.tryRead() == nil)
    }
}
