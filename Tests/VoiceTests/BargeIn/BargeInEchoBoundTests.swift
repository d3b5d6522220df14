import AudioCore
import Testing

@testable import Voice

/// The echo bound on constructed block powers: a far end of words and gaps (random levels, whole-block silences),
/// its echo some blocks later at a fixed gain, and nothing else in the capture.
@Suite("Barge-in echo bound")
struct BargeInEchoBoundTests {
    func makeBound() -> BargeInEchoBound {
        // 10 ms blocks at 16 kHz, delays to 400 ms, a 16 ms response, a 6 dB gain bound and a 6 dB trust margin.
        BargeInEchoBound(
            frameCount: 160, maximumDelayFrameCount: 6400, tailFrameCount: 256, gainBound: 4, trustMargin: 4,
            trustedObservationCount: 5)
    }

    /// Word-like far-end powers: runs of 5 to 30 blocks at random levels, separated by 2 to 20 silent blocks.
    func farPowers(blockCount: Int, seed: UInt64) -> [Float] {
        var generator = SeededRandomNumberGenerator(seed: seed)
        var powers: [Float] = []
        while powers.count < blockCount {
            for _ in 0..<Int.random(in: 5...30, using: &generator) {
                powers.append(Float.random(in: 1e-4...1e-1, using: &generator))
            }
            powers += [Float](repeating: 0, count: Int.random(in: 2...20, using: &generator))
        }
        return Array(powers.prefix(blockCount))
    }

    @Test("the bound is never under the echo, and the lags the echo rules out are dropped", arguments: [0, 7, 20, 40])
    func boundsTheEcho(lag: Int) {
        let bound = self.makeBound()
        let far = self.farPowers(blockCount: 600, seed: UInt64(lag) + 1)
        let gain: Float = 0.6
        for block in far.indices {
            bound.append(farPower: far[block])
            let echo = block >= lag ? gain * far[block - lag] : 0
            #expect(bound.echoPower >= echo, "block \(block): bound \(bound.echoPower), echo \(echo)")
            if echo > 1e-6 {
                bound.learn(capturePower: echo)
            }
        }
        // Six seconds of words leave the true lag and a few of its neighbours, not the 41 it started with.
        #expect((1...4).contains(bound.possibleLagCount), "\(bound.possibleLagCount) lags left")
    }

    @Test("a capture louder than the gain bound allows at every lag starts the bound again from every lag")
    func startsAgain() {
        let bound = self.makeBound()
        for _ in 0..<50 { bound.append(farPower: 1e-3) }
        bound.learn(capturePower: 1)
        #expect(bound.possibleLagCount == 41)
        #expect(bound.echoPower == 4 * 1e-3)
    }
}
