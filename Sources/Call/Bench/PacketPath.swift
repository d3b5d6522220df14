import AudioCore

/// One direction of a simulated packet network, on the ticks of the bench's clock: each packet is lost with a fixed
/// chance, or arrives after a base delay plus a random jitter of whole ticks, so that packets sent 20 ms apart may
/// overtake each other.
///
/// The packets in flight are kept in a fixed array made in `init`; a packet sent when it is full is counted lost.
///
/// Real-time safe after `init`: no locks, no allocation. One thread (the synthetic callers').
final class PacketPath {
    /// The fraction of packets lost, 0…1.
    let lossFraction: Double
    /// Ticks every packet takes at least, and the most extra ticks one may take.
    let baseDelayTicks: Int64
    let jitterTicks: Int64
    private var random: SeededRandomNumberGenerator

    private var inFlight: [(arrivalTick: Int64, packet: VoicePacket)?]

    private(set) var sentCount = 0
    private(set) var lostCount = 0
    /// Packets the engine's ring had no room for when they arrived (the engine fell behind).
    private(set) var overflowCount = 0

    /// Not real-time safe: allocates. Control thread.
    init(lossPercentage: Double, baseDelayTicks: Int64, jitterTicks: Int64, seed: UInt64, capacity: Int = 32) {
        self.lossFraction = min(1, max(0, lossPercentage / 100))
        self.baseDelayTicks = max(0, baseDelayTicks)
        self.jitterTicks = max(0, jitterTicks)
        self.random = SeededRandomNumberGenerator(seed: seed)
        self.inFlight = Array(repeating: nil, count: capacity)
    }

    /// Sends `packet` at `tick`: it is lost, or arrives `baseDelayTicks` plus up to `jitterTicks` later.
    func send(_ packet: VoicePacket, at tick: Int64) {
        self.sentCount += 1
        let isLost = self.lossFraction > 0 && Double.random(in: 0..<1, using: &self.random) < self.lossFraction
        let jitter = self.jitterTicks > 0 ? Int64.random(in: 0...self.jitterTicks, using: &self.random) : 0
        guard !isLost, let free = self.inFlight.firstIndex(where: { $0 == nil }) else {
            self.lostCount += 1
            return
        }
        self.inFlight[free] = (tick + self.baseDelayTicks + jitter, packet)
    }

    /// Hands every packet that has arrived by `tick` to `ring`, in the order they arrive.
    func deliver(upTo tick: Int64, into ring: SPSCRingBuffer<VoicePacket>) {
        for index in self.inFlight.indices {
            guard let (arrival, packet) = self.inFlight[index], arrival <= tick else { continue }
            self.inFlight[index] = nil
            if !ring.tryWrite(packet) { self.overflowCount += 1 }
        }
    }
}
