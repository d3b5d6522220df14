/// An upper bound on the agent's echo in the capture that holds whatever the echo's delay, for the barge-in
/// detector to test the capture against until its echo filter has proved a delay.
///
/// The echo of a 10 ms capture block comes from far-end blocks some lag earlier, at a power gain no higher than
/// `gainBound`. Each lag (whole blocks, 0 up to the longest searched delay) is a hypothesis about where the echo
/// comes from; the far end a lag stands for is the loudest of the blocks its echo can reach back to (the lag's own,
/// plus as many older ones as a delay between whole blocks and the filter's length span). On every block of
/// audible echo alone the bound learns, per lag, the highest gain the echo has needed there: the capture's power
/// over that far end. A lag that needed more than `gainBound` cannot be the echo's and is dropped, which most
/// lags are within the first words (the echo arrived while the far end at that lag was still silent, or between
/// words). The bound on the next block is the largest, over the lags left, of the far end at that lag times the
/// gain the lag allows: `gainBound` until the lag has been seen `trustedObservationCount` times, then its highest
/// needed gain times `trustMargin`, never more than `gainBound`.
///
/// It is an upper bound as long as the echo's gain stays under `gainBound`, its response is no longer than the
/// filter's, and the learning blocks held echo alone: the true lag is then never dropped, and its own term covers
/// the echo. If every lag is dropped (a caller the detector took for echo, or a longer room tail), it starts again
/// from every lag.
///
/// `init` allocates (a few hundred bytes); the rest never allocates, locks or throws.
///
/// Not `Sendable`: one audio thread at a time.
final class BargeInEchoBound {
    /// The highest power gain from the far end to the capture that an echo path may have.
    let gainBound: Float

    /// How far above the highest gain seen at a lag its echo may go, once trusted (a power ratio).
    let trustMargin: Float

    /// Blocks of audible echo a lag must have been seen on before its own gain, not `gainBound`, bounds it.
    let trustedObservationCount: Int

    /// The bound on the echo power of the block last appended: the largest, over the lags left, of the far end's
    /// power at that lag times the gain that lag allows.
    private(set) var echoPower: Float = 0

    /// The number of lags still possible.
    private(set) var possibleLagCount: Int

    private let lagCount: Int
    private let heldBlockCount: Int
    private let farPowers: UnsafeMutableBufferPointer<Float>
    private var newestIndex = 0
    private let heldPowers: UnsafeMutableBufferPointer<Float>
    private let neededGains: UnsafeMutableBufferPointer<Float>
    private let observationCounts: UnsafeMutableBufferPointer<Int32>

    /// Makes the bound for echo delays up to `maximumDelayFrameCount` frames and echo responses up to
    /// `tailFrameCount` frames long, at `frameCount`-frame blocks.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - gainBound: the highest power gain an echo path may have (4: 6 dB).
    ///   - trustMargin: the power ratio a trusted lag's echo may rise above its highest gain seen.
    ///   - trustedObservationCount: blocks of audible echo after which a lag's own gain bounds it.
    init(
        frameCount: Int, maximumDelayFrameCount: Int, tailFrameCount: Int, gainBound: Float, trustMargin: Float,
        trustedObservationCount: Int
    ) {
        self.gainBound = gainBound
        self.trustMargin = trustMargin
        self.trustedObservationCount = trustedObservationCount
        // Lag l stands for delays of l to l + 1 blocks: the echo of a capture block then comes from the far blocks
        // l ago and older, as far back as the delay's remainder and the tail reach.
        self.lagCount = maximumDelayFrameCount / frameCount + 1
        self.heldBlockCount = 1 + (frameCount - 1 + tailFrameCount + frameCount - 1) / frameCount
        self.possibleLagCount = self.lagCount
        self.farPowers = .allocate(capacity: self.lagCount + self.heldBlockCount)
        self.farPowers.initialize(repeating: 0)
        self.heldPowers = .allocate(capacity: self.lagCount)
        self.heldPowers.initialize(repeating: 0)
        self.neededGains = .allocate(capacity: self.lagCount)
        self.neededGains.initialize(repeating: 0)
        self.observationCounts = .allocate(capacity: self.lagCount)
        self.observationCounts.initialize(repeating: 0)
    }

    deinit {
        self.farPowers.deallocate()
        self.heldPowers.deallocate()
        self.neededGains.deallocate()
        self.observationCounts.deallocate()
    }

    /// Records the far end's power for a new block and updates `echoPower` for the capture block of the same 10 ms.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Complexity: O(lags), a few dozen.
    func append(farPower: Float) {
        let ringCount = self.farPowers.count
        self.newestIndex = self.newestIndex + 1 == ringCount ? 0 : self.newestIndex + 1
        self.farPowers[self.newestIndex] = farPower
        // Lag l's far end is the loudest of the blocks l to l + heldBlockCount − 1 ago: a plain scan, since a few
        // dozen lags of a few blocks cost less than keeping a sliding maximum.
        var index = self.newestIndex
        var highest: Float = 0
        for lag in 0..<self.lagCount {
            var held: Float = 0
            var blockIndex = index
            for _ in 0..<self.heldBlockCount {
                held = max(held, self.farPowers[blockIndex])
                blockIndex = blockIndex == 0 ? ringCount - 1 : blockIndex - 1
            }
            self.heldPowers[lag] = held
            index = index == 0 ? ringCount - 1 : index - 1
            let count = self.observationCounts[lag]
            guard count >= 0 else { continue }
            let gain =
                count >= self.trustedObservationCount
                ? min(self.gainBound, self.neededGains[lag] * self.trustMargin) : self.gainBound
            highest = max(highest, gain * held)
        }
        self.echoPower = highest
    }

    /// Learns from a block of audible echo alone, the capture block of the 10 ms last appended: the gain each lag
    /// needed to explain it, dropping the lags that needed more than `gainBound`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameter capturePower: the capture block's mean square.
    /// - Complexity: O(lags).
    func learn(capturePower: Float) {
        for lag in 0..<self.lagCount where self.observationCounts[lag] >= 0 {
            let needed = capturePower / max(self.heldPowers[lag], 1e-12)
            self.neededGains[lag] = max(self.neededGains[lag], needed)
            if self.neededGains[lag] > self.gainBound {
                self.observationCounts[lag] = -1
                self.possibleLagCount -= 1
            } else {
                self.observationCounts[lag] = min(self.observationCounts[lag] + 1, 1 << 30)
            }
        }
        if self.possibleLagCount == 0 {
            self.forgetLags()
        }
    }

    /// Forgets the far end and every lag, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation.
    func reset() {
        self.farPowers.update(repeating: 0)
        self.heldPowers.update(repeating: 0)
        self.newestIndex = 0
        self.echoPower = 0
        self.forgetLags()
    }

    /// Forgets every lag's gain and makes every lag possible again, keeping the far end: for a path that changed.
    ///
    /// Real-time safe: no locks, no allocation.
    func forgetLags() {
        self.neededGains.update(repeating: 0)
        self.observationCounts.update(repeating: 0)
        self.possibleLagCount = self.lagCount
    }
}
