/// An upper bound on the agent's echo in the capture, band by band, that holds whatever the echo's delay, for the
/// barge-in detector to test the capture against until its echo filter has proved a delay.
///
/// The far end and the capture go through the voice-activity detector's eight band-pass sections (200–3700 Hz),
/// and every power below is a vector of eight band powers. The echo of a 10 ms capture block comes from far-end
/// blocks some lag earlier, at a power gain in each band no higher than `gainBound`. Each lag (whole blocks, 0 up
/// to the longest searched delay) is a hypothesis about where the echo comes from; the far end a lag stands for is,
/// band by band, the loudest of the blocks its echo can reach back to (the lag's own, plus as many older ones as a
/// delay between whole blocks, the filter's length and the sections' ringing span). On every block of echo alone
/// the bound learns, per lag and band, the highest gain the echo has needed there: the capture's band power over
/// that far end, in the bands where the capture stands above its own floor. A lag that needed more than
/// `gainBound` in any band cannot be the echo's and is dropped, which most lags are within the first words: the
/// echo arrived while the far end at that lag was silent, or its spectrum was not the one that lag would give. The
/// bound on the next block is, band by band, the largest over the lags left of the far end at that lag times the
/// gain the lag allows there: `gainBound` until the band has been seen `trustedObservationCount` times at the lag,
/// then its highest needed gain times `trustMargin`, never more than `gainBound`; once trusted, that highest gain rises
/// by at most `riseLimit` a block (a caller who starts quietly under the bound taught it their own voice block by
/// block and stayed under it). A quiet block teaches the other
/// side: where the capture stays under `floorMargin` times its floor in a band while every far block a lag reaches was
/// loud there, that lag's gain in the band is at most the quiet level over the quietest of those blocks, and the
/// lag's term never rises more than `quietMargin` above it (a lag that later needs more is dropped). Before the echo
/// arrives, or in the agent's words whose echo is not yet heard, this rules out the lags that would otherwise hold
/// the bound at the far end's loudest block.
///
/// It is an upper bound as long as the echo's gain in every band stays under `gainBound`, its response is no longer
/// than the filter's, and the learning blocks held echo alone: the true lag is then never dropped, and its own term
/// covers the echo. If every lag is dropped, no lag explains what the capture carries: the bound is zero (the
/// capture stands above it wherever it is audible) until `forgetLagsIfEveryOneRuledOut` starts again from every lag,
/// which the detector does when the agent falls silent. Starting again at once let the faint start of a caller (a
/// breath at −58 dBFS under a −10 dBFS prompt on a line with no echo) rule out the last lags and hand the bound back
/// its loosest state just before their words, which were then found over 200 ms late. A caller stands out from the
/// bound in the bands where their voice has energy and the agent's, at the lags left, has none: far sooner than they
/// stand out from the echo's total power. `exceedsEveryLag` asks that of each lag on its own (a capture no single lag
/// explains is not the echo alone), and `ruledOutLags` tells the detector's delay finder which delays to skip.
///
/// `init` allocates (a few kilobytes); the rest never allocates, locks or throws.
///
/// Not `Sendable`: one audio thread at a time.
final class BargeInEchoBound {
    /// The highest power gain from the far end to the capture that an echo path may have in any band.
    let gainBound: Float

    /// How far above the highest gain seen at a lag its echo may go, once trusted (a power ratio).
    let trustMargin: Float

    /// How far above the gain a quiet capture allowed a lag its echo may go (a power ratio): covers an echo path
    /// whose response cancels itself in part of a band, so that the band's echo is quieter than its gain says.
    let quietMargin: Float

    /// Blocks of audible echo in a band a lag must have been seen on before its own gain, not `gainBound`, bounds
    /// that band.
    let trustedObservationCount: Int

    /// The most a trusted lag's highest gain in a band may rise in one block of echo alone (a power ratio; infinity:
    /// no limit).
    var riseLimit: Float = .infinity

    /// The bound on the echo's band powers (mean squares) in the block last appended: band by band, the largest
    /// over the lags left of the far end's power at that lag times the gain that lag allows.
    private(set) var echoPowers = SIMD8<Float>()

    /// The capture's band powers (mean squares) in the block last measured.
    private(set) var capturePowers = SIMD8<Float>()

    /// The tracked floor of the capture's band powers: falls quickly to a quieter block, rises by 0.02 dB a block.
    private(set) var floorPowers = SIMD8<Float>(repeating: 1e-7)

    /// The residual's band powers (mean squares) in the block last measured.
    private(set) var residualPowers = SIMD8<Float>()

    /// Band by band, the residual's power over the far end at the adopted delay while only echo is heard: how much
    /// of the echo the detector's filter leaves in each band, following its peaks.
    private(set) var residualCouplings: SIMD8<Float>

    /// The number of lags still possible.
    private(set) var possibleLagCount: Int

    private let frameCount: Int
    private let lagCount: Int
    private let heldBlockCount: Int
    private let bank: FilterBankCoefficients
    private var farState = FilterBankState()
    private var captureState = FilterBankState()
    private var residualState = FilterBankState()
    private let pitchScratch: UnsafeMutableBufferPointer<Float>
    private let farPowers: UnsafeMutableBufferPointer<SIMD8<Float>>
    private var newestIndex = 0
    private let heldPowers: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let lagEchoPowers: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let neededGains: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let leastHeldPowers: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let quietGains: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let observationCounts: UnsafeMutableBufferPointer<SIMD8<Float>>
    private let isDropped: UnsafeMutableBufferPointer<Bool>

    /// Makes the bound for echo delays up to `maximumDelayFrameCount` frames and echo responses up to
    /// `tailFrameCount` frames long, at `frameCount`-frame blocks and `sampleRate`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - sampleRate: 8000 or 16000 (the filter bank's rates).
    ///   - gainBound: the highest power gain an echo path may have in a band (4: 6 dB).
    ///   - trustMargin: the power ratio a trusted lag's echo may rise above its highest gain seen.
    ///   - quietMargin: the power ratio a lag's echo may rise above the gain a quiet capture allowed it (16: 12 dB).
    ///   - trustedObservationCount: blocks of audible echo after which a lag's own gain bounds a band.
    init(
        sampleRate: Int, frameCount: Int, maximumDelayFrameCount: Int, tailFrameCount: Int, gainBound: Float,
        trustMargin: Float, quietMargin: Float = 16, trustedObservationCount: Int
    ) {
        self.gainBound = gainBound
        self.trustMargin = trustMargin
        self.quietMargin = quietMargin
        self.trustedObservationCount = trustedObservationCount
        self.frameCount = frameCount
        self.bank = FilterBankCoefficients(sampleRate: sampleRate)
        // Lag l stands for delays of l to l + 1 blocks: the echo of a capture block then comes from the far blocks
        // l ago and older, as far back as the delay's remainder, the tail and the sections' ringing (2 ms) reach.
        let ringingFrameCount = sampleRate / 500
        self.lagCount = maximumDelayFrameCount / frameCount + 1
        self.heldBlockCount = 1 + (frameCount - 1 + tailFrameCount + ringingFrameCount + frameCount - 1) / frameCount
        self.possibleLagCount = self.lagCount
        self.residualCouplings = SIMD8(repeating: gainBound)
        self.pitchScratch = .allocate(capacity: frameCount)
        self.pitchScratch.initialize(repeating: 0)
        self.farPowers = .allocate(capacity: self.lagCount + self.heldBlockCount)
        self.farPowers.initialize(repeating: SIMD8())
        self.heldPowers = .allocate(capacity: self.lagCount)
        self.heldPowers.initialize(repeating: SIMD8())
        self.lagEchoPowers = .allocate(capacity: self.lagCount)
        self.lagEchoPowers.initialize(repeating: SIMD8())
        self.neededGains = .allocate(capacity: self.lagCount)
        self.neededGains.initialize(repeating: SIMD8())
        self.leastHeldPowers = .allocate(capacity: self.lagCount)
        self.leastHeldPowers.initialize(repeating: SIMD8())
        self.quietGains = .allocate(capacity: self.lagCount)
        self.quietGains.initialize(repeating: SIMD8(repeating: gainBound))
        self.observationCounts = .allocate(capacity: self.lagCount)
        self.observationCounts.initialize(repeating: SIMD8())
        self.isDropped = .allocate(capacity: self.lagCount)
        self.isDropped.initialize(repeating: false)
    }

    deinit {
        self.pitchScratch.deallocate()
        self.farPowers.deallocate()
        self.heldPowers.deallocate()
        self.lagEchoPowers.deallocate()
        self.neededGains.deallocate()
        self.leastHeldPowers.deallocate()
        self.quietGains.deallocate()
        self.observationCounts.deallocate()
        self.isDropped.deallocate()
    }

    /// The band powers (mean squares) of one block through the filter bank, carrying `state` on.
    private func bandPowers(_ block: UnsafeBufferPointer<Float>, state: inout FilterBankState) -> SIMD8<Float> {
        let energies = VoiceActivityKernels.filter(block, bank: self.bank, state: &state, pitch: self.pitchScratch)
        return energies / Float(max(block.count, 1))
    }

    /// Records the far end's band powers for a new block and updates `echoPowers` for the capture block of the same
    /// 10 ms.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameter reference: the far-end block, `frameCount` frames.
    /// - Complexity: O(frameCount + lags), a few dozen lags.
    func append(reference: UnsafeBufferPointer<Float>) {
        self.append(farPowers: self.bandPowers(reference, state: &self.farState))
    }

    /// Records a new block's far-end band powers and updates `echoPowers`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Complexity: O(lags).
    func append(farPowers: SIMD8<Float>) {
        let ringCount = self.farPowers.count
        self.newestIndex = self.newestIndex + 1 == ringCount ? 0 : self.newestIndex + 1
        self.farPowers[self.newestIndex] = farPowers
        // Lag l's far end is the loudest of the blocks l to l + heldBlockCount − 1 ago: a plain scan, since a few
        // dozen lags of a few blocks cost less than keeping a sliding maximum.
        let bound = SIMD8<Float>(repeating: self.gainBound)
        let trusted = SIMD8<Float>(repeating: Float(self.trustedObservationCount))
        var index = self.newestIndex
        var highest = SIMD8<Float>()
        for lag in 0..<self.lagCount {
            var held = SIMD8<Float>()
            var least = SIMD8<Float>(repeating: .infinity)
            var blockIndex = index
            for _ in 0..<self.heldBlockCount {
                held = pointwiseMax(held, self.farPowers[blockIndex])
                least = pointwiseMin(least, self.farPowers[blockIndex])
                blockIndex = blockIndex == 0 ? ringCount - 1 : blockIndex - 1
            }
            self.heldPowers[lag] = held
            self.leastHeldPowers[lag] = least
            index = index == 0 ? ringCount - 1 : index - 1
            guard !self.isDropped[lag] else { continue }
            var gain = bound
            gain.replace(
                with: pointwiseMin(bound, self.neededGains[lag] * self.trustMargin),
                where: self.observationCounts[lag] .>= trusted)
            gain = pointwiseMin(gain, self.quietGains[lag] * self.quietMargin)
            self.lagEchoPowers[lag] = gain * held
            highest = pointwiseMax(highest, gain * held)
        }
        self.echoPowers = highest
    }

    /// Measures the capture block of the 10 ms last appended into `capturePowers`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameter capture: the raw capture block, `frameCount` frames.
    /// - Complexity: O(frameCount).
    func measure(capture: UnsafeBufferPointer<Float>) {
        self.measure(capturePowers: self.bandPowers(capture, state: &self.captureState))
    }

    /// Measures the detector's residual for the 10 ms last appended into `residualPowers`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Complexity: O(frameCount).
    func measure(residual: UnsafeBufferPointer<Float>) {
        self.residualPowers = self.bandPowers(residual, state: &self.residualState)
    }

    /// The far end's band powers at `delayFrameCount`: the loudest of the blocks the echo at that delay reaches.
    private func heldPowers(atDelay delayFrameCount: Int) -> SIMD8<Float> {
        self.heldPowers[min(delayFrameCount / self.frameCount, self.lagCount - 1)]
    }

    /// The bands where the residual stands `margin` above the far end at `delayFrameCount` times its coupling
    /// there, and `floorMargin` above the capture's floor.
    ///
    /// A band where the residual is louder than the capture counts at the capture's power: what the filter added
    /// there is its own (wrong) prediction, and a caller is in the capture too.
    ///
    /// Real-time safe: no locks, no allocation.
    func residualExceedingBands(delayFrameCount: Int, margin: Float, floorMargin: Float) -> SIMDMask<SIMD8<Int32>> {
        let bar = self.heldPowers(atDelay: delayFrameCount) * self.residualCouplings * margin
        let residual = pointwiseMin(self.residualPowers, self.capturePowers)
        return (residual .> bar) .& (residual .> self.floorPowers * floorMargin)
    }

    /// Learns the residual's coupling from a block of echo alone, in the bands where the far end at the delay stands
    /// above the capture's floor (so that the echo, had the filter left it, would have been heard): up by half the gap in dB to a block less than 6 dB above it, by 0.05 dB to one
    /// further above (which may be a caller starting quietly), down by an eighth of the gap in dB, at most 1 dB a
    /// block, to no lower than `minimumCoupling`.
    ///
    /// Real-time safe: no locks, no allocation.
    func learnResidualCoupling(delayFrameCount: Int, minimumCoupling: Float) {
        let held = pointwiseMax(self.heldPowers(atDelay: delayFrameCount), SIMD8(repeating: 1e-12))
        let audible = held .> self.floorPowers
        let ratios = pointwiseMax(self.residualPowers / held, SIMD8(repeating: 1e-12))
        var couplings = self.residualCouplings
        let gaps = ratios / couplings
        var next = couplings * gaps.squareRoot()
        next.replace(with: couplings * 1.0116, where: gaps .> 4)
        next.replace(
            with: pointwiseMax(couplings * gaps.squareRoot().squareRoot().squareRoot(), couplings * 0.794),
            where: gaps .< 1)
        couplings.replace(with: pointwiseMax(next, SIMD8(repeating: minimumCoupling)), where: audible)
        self.residualCouplings = couplings
    }

    /// Starts the residual's coupling again from `gainBound`: for a filter whose taps were reset.
    ///
    /// Real-time safe: no locks, no allocation.
    func forgetResidualCoupling() {
        self.residualCouplings = SIMD8(repeating: self.gainBound)
    }

    /// Takes `capturePowers` as the capture's band powers for the 10 ms last appended.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    func measure(capturePowers: SIMD8<Float>) {
        self.capturePowers = capturePowers
    }

    /// The bands where the capture stands above `echoPowers` and `floorMargin` times its floor.
    ///
    /// Real-time safe: no locks, no allocation.
    func exceedingBands(floorMargin: Float, below margin: Float = 1) -> SIMDMask<SIMD8<Int32>> {
        (self.capturePowers * margin .> self.echoPowers) .& (self.capturePowers .> self.floorPowers * floorMargin)
    }

    /// Whether the capture stands, for every lag left, above that lag's own bound on the echo in some band (and
    /// `floorMargin` times its floor there): no single lag explains it, so it is not the echo alone.
    ///
    /// Weaker than asking for one band above `echoPowers` (the largest over the lags), and as sound: the echo's
    /// true lag bounds it in every band, so echo alone never stands above that lag's term anywhere. A caller stands
    /// out from each wrong lag where that lag's far end is quiet, which differs from lag to lag.
    ///
    /// With `lags`, only the lags left in that range count (all those left if none is): for a detector whose
    /// confirmed filter places the echo there.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(lags).
    func exceedsEveryLag(floorMargin: Float, within lags: ClosedRange<Int>? = nil) -> Bool {
        let capture = self.capturePowers
        let audible = capture .> self.floorPowers * floorMargin
        guard any(audible) else { return false }
        var range = 0...(self.lagCount - 1)
        if let lags {
            let clamped = lags.clamped(to: range)
            if clamped.contains(where: { !self.isDropped[$0] }) { range = clamped }
        }
        for lag in range where !self.isDropped[lag] {
            if !any(audible .& (capture .> self.lagEchoPowers[lag])) { return false }
        }
        return true
    }

    /// Moves the floor towards the last measured capture: an eighth of the way down in dB, 0.02 dB up.
    ///
    /// Real-time safe: no locks, no allocation.
    func updateFloor() {
        let powers = pointwiseMax(self.capturePowers, SIMD8(repeating: 1e-10))
        var floor = self.floorPowers
        // An eighth of the gap in dB is the ratio's eighth root; 0.02 dB is a ratio of 1.0046.
        let fall = floor * (powers / floor).squareRoot().squareRoot().squareRoot()
        floor.replace(with: pointwiseMax(fall, powers), where: powers .< floor)
        floor.replace(with: pointwiseMin(floor * 1.0046, powers), where: powers .>= floor)
        self.floorPowers = floor
    }

    /// Learns from a block of echo alone, the capture block last measured: the gain each lag needed to explain it
    /// in the bands where the capture stands `floorMargin` above its floor, dropping the lags that needed more than
    /// `gainBound` in any band.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Complexity: O(lags).
    func learn(floorMargin: Float) {
        let audible = self.capturePowers .> self.floorPowers * floorMargin
        let one = SIMD8<Float>(repeating: 1)
        let zero = SIMD8<Float>()
        let capture = self.capturePowers
        let quietLevel = self.floorPowers * floorMargin
        let trusted = SIMD8<Float>(repeating: Float(self.trustedObservationCount))
        for lag in 0..<self.lagCount where !self.isDropped[lag] {
            let needed = capture / pointwiseMax(self.heldPowers[lag], SIMD8(repeating: 1e-12))
            var gains = self.neededGains[lag]
            // A trusted band's gain creeps up by at most `riseLimit` a block: a caller who starts quietly, under the
            // bound, would otherwise teach it their voice block by block and stay under it as they grow louder.
            var next = pointwiseMax(gains, needed)
            next.replace(
                with: pointwiseMax(gains, pointwiseMin(needed, gains * self.riseLimit)),
                where: self.observationCounts[lag] .>= trusted)
            gains.replace(with: next, where: audible)
            self.neededGains[lag] = gains
            // A band heard as quiet while every block this lag reaches was loud there caps the lag's gain.
            let least = self.leastHeldPowers[lag]
            var quiet = self.quietGains[lag]
            quiet.replace(
                with: pointwiseMin(quiet, quietLevel / pointwiseMax(least, SIMD8(repeating: 1e-12))),
                where: .!audible .& (least .> 0))
            self.quietGains[lag] = quiet
            // A lag is dropped on the gain the block needed, whatever the creep let its learned gain rise to.
            let limits = pointwiseMin(SIMD8(repeating: self.gainBound), quiet * self.quietMargin)
            if any(audible .& (needed .> limits)) || any(gains .> limits) {
                self.isDropped[lag] = true
                self.possibleLagCount -= 1
            } else {
                self.observationCounts[lag] += one.replacing(with: zero, where: .!audible)
            }
        }
    }

    /// Lag by lag (whole blocks back), whether the echo has ruled it out; empty once every lag is.
    ///
    /// Real-time safe: no locks, no allocation.
    var ruledOutLags: UnsafeBufferPointer<Bool> {
        self.isEveryLagRuledOut ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(self.isDropped)
    }

    /// Whether every lag has been ruled out: nothing the far end played explains the capture, so what the line
    /// carries is not (only) the agent's echo. The bound is then zero, and every audible band stands above it.
    var isEveryLagRuledOut: Bool { self.possibleLagCount == 0 }

    /// Makes every lag possible again once all were ruled out: for the next prompt, when the last one was talked
    /// over by the caller or the echo path proved longer than the bound allows.
    ///
    /// Real-time safe: no locks, no allocation.
    func forgetLagsIfEveryOneRuledOut() {
        if self.isEveryLagRuledOut { self.forgetLags() }
    }

    /// Forgets the far end, the filter bank's memory and every lag, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation.
    func reset() {
        self.farPowers.update(repeating: SIMD8())
        self.heldPowers.update(repeating: SIMD8())
        self.leastHeldPowers.update(repeating: SIMD8())
        self.newestIndex = 0
        self.echoPowers = SIMD8()
        self.capturePowers = SIMD8()
        self.floorPowers = SIMD8(repeating: 1e-7)
        self.farState = FilterBankState()
        self.captureState = FilterBankState()
        self.residualState = FilterBankState()
        self.residualPowers = SIMD8()
        self.forgetResidualCoupling()
        self.forgetLags()
    }

    /// Forgets every lag's gains and makes every lag possible again, keeping the far end: for a path that changed.
    ///
    /// Real-time safe: no locks, no allocation.
    func forgetLags() {
        self.neededGains.update(repeating: SIMD8())
        self.quietGains.update(repeating: SIMD8(repeating: self.gainBound))
        self.observationCounts.update(repeating: SIMD8())
        self.isDropped.update(repeating: false)
        self.possibleLagCount = self.lagCount
    }
}
