import AudioCore
import Foundation

/// One synthetic caller of the bench: a scripted caller on a packet phone. Each tick it listens to what the engine
/// played it, speaks its next 10 ms (the scenario's recording for the question it was asked, or silence), sends a
/// packet every 20 ms over its simulated network path, and puts its key presses and its hang-up on the call's
/// signalling.
///
/// Its clock is the call's: block `n` of the caller is tick `firstTick + n`, the tick of the engine's block `n`, so
/// the call side's measurements (the end of the caller's speech against the agent's first audio) are taken on one
/// clock, with the network's and the jitter buffer's delay inside them, as a caller would hear them.
///
/// Not real-time safe: the scripted caller reads and copies recordings. The bench's caller thread only.
final class SyntheticCaller: @unchecked Sendable {
    let script: LockedScriptedCaller
    let sender: PacketSender
    let path: PacketPath
    /// To the engine: the caller's packets, and their signalling.
    let inbound: SPSCRingBuffer<VoicePacket>
    let events: SPSCRingBuffer<LiveLineEvent>
    /// From the engine: the agent's audio as it played.
    let outbound: SPSCRingBuffer<Float>
    /// The call's first tick in the scheduler; set before the caller thread first sees the caller.
    var firstTick: Int64 = .max

    private let block: UnsafeMutableBufferPointer<Float>
    private var isAgentSpeaking = false
    private var hasHungUp = false
    /// Why the caller could not go on (a recording could not be read); it hangs up.
    private(set) var failure: String?

    /// A block is the agent speaking when its peak is above this (-80 dBFS): the engine plays exact zeros otherwise.
    static let agentSpeechLevel: Float = 1e-4

    init(
        script: LockedScriptedCaller, sender: PacketSender, path: PacketPath, inbound: SPSCRingBuffer<VoicePacket>,
        events: SPSCRingBuffer<LiveLineEvent>, outbound: SPSCRingBuffer<Float>
    ) {
        self.script = script
        self.sender = sender
        self.path = path
        self.inbound = inbound
        self.events = events
        self.outbound = outbound
        self.block = .allocate(capacity: CallFrontEnd.blockFrameCount)
        self.block.initialize(repeating: 0)
    }

    deinit { self.block.deallocate() }

    /// The caller's part of `tick`.
    func tick(_ tick: Int64) {
        guard tick >= self.firstTick else { return }
        self.listen()
        self.speak(at: tick)
        self.path.deliver(upTo: tick, into: self.inbound)
    }

    /// Reads what the engine has played since the last tick.
    private func listen() {
        while self.outbound.count >= self.block.count {
            _ = self.outbound.tryRead(into: self.block)
            var peak: Float = 0
            for sample in self.block { peak = max(peak, abs(sample)) }
            self.isAgentSpeaking = peak > Self.agentSpeechLevel
        }
    }

    private func speak(at tick: Int64) {
        self.block.update(repeating: 0)
        if !self.hasHungUp {
            let sampleTime = (tick - self.firstTick) * Int64(self.block.count)
            do {
                switch try self.script.fill(self.block, sampleTime: sampleTime, isAgentSpeaking: self.isAgentSpeaking)
                {
                case .keypad(let digits): _ = self.events.tryWrite(.keypad(digits))
                case .hangUp:
                    self.hasHungUp = true
                    _ = self.events.tryWrite(.hangUp)
                case nil: break
                }
            } catch {
                self.failure = "\(error)"
                self.hasHungUp = true
                _ = self.events.tryWrite(.hangUp)
            }
        }
        // A phone that has hung up sends nothing more.
        if !self.hasHungUp, let packet = self.sender.send(UnsafeBufferPointer(self.block)) {
            self.path.send(packet, at: tick)
        }
    }
}
