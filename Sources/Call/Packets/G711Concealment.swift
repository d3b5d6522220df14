/// What a G.711 receiver plays in place of a lost packet: the last packet it received at half the level, then
/// silence until a packet arrives.
///
/// G.711 has no concealment of its own; this is a simple stand-in for ITU-T G.711 Appendix I, shared by the simulated
/// line (`LineTransport`) and the real receiver (`PacketReceiver`) so that both conceal alike. It works on the
/// decoded packet at the codec's rate (8 kHz floats), before the receiver brings it to 16 kHz.
///
/// Real-time safe after `init`: `remember` and `conceal` take no locks, do not allocate, log or throw. One thread at
/// a time (the receiver's).
final class G711Concealment {
    /// The last packet received, decoded; `rememberedCount` frames of it are valid.
    private let remembered: UnsafeMutableBufferPointer<Float>
    private var rememberedCount = 0
    /// Packets concealed since the last one received.
    private(set) var concealedInARow = 0

    /// Makes the concealment with room for a packet of `packetFrameCount` frames.
    ///
    /// Not real-time safe: allocates. Control thread only.
    init(packetFrameCount: Int) {
        self.remembered = .allocate(capacity: packetFrameCount)
        self.remembered.initialize(repeating: 0)
    }

    deinit {
        self.remembered.deallocate()
    }

    /// Keeps a received packet's decoded frames for concealing the next loss, and ends a run of losses.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(frames).
    func remember(_ frames: UnsafeBufferPointer<Float>) {
        let count = min(frames.count, self.remembered.count)
        for index in 0..<count { self.remembered[index] = frames[index] }
        self.rememberedCount = count
        self.concealedInARow = 0
    }

    /// Fills `frames` with what stands in for a lost packet: the first loss in a row repeats the last packet at half
    /// the level, later ones are silence, and so is everything before the first packet received.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(frames).
    func conceal(into frames: UnsafeMutableBufferPointer<Float>) {
        self.concealedInARow += 1
        let gain: Float = self.concealedInARow == 1 ? 0.5 : 0
        for index in frames.indices {
            frames[index] = index < self.rememberedCount ? self.remembered[index] * gain : 0
        }
    }
}
