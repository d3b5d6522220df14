import AudioCore
import Foundation
import Testing

@testable import Voice

/// The canceller on white noise through the grid's echo path (a 123 ms delay, taps at 0, 1 and 4 ms), with the
/// delay given 9 ms early, where the envelope correlation placed it at 8 kHz.
@Suite("Barge-in echo canceller")
struct BargeInEchoCancellerTests {
    /// The canceller's delay after `blockCount` blocks, its adoptions, and the residual's power over the capture's
    /// in the last block, in dB.
    func run(isRecentering: Bool, blockCount: Int) -> (delayMilliseconds: Int?, adoptionCount: Int, erleDB: Float) {
        let sampleRate = 16000
        let frameCount = 160
        var configuration = BargeInEchoCanceller.Configuration()
        configuration.knownDelayMilliseconds = 114
        let canceller = BargeInEchoCanceller(
            sampleRate: sampleRate, frameCount: frameCount, configuration: configuration)
        canceller.isRecentering = isRecentering
        var generator = SeededRandomNumberGenerator(seed: 7)
        let far = (0..<(blockCount * frameCount)).map { _ in Float.random(in: -0.3...0.3, using: &generator) }
        let delay = sampleRate * 123 / 1000
        let taps: [(offset: Int, weight: Float)] = [(0, 0.5), (16, 0.2), (64, -0.1)]
        let capture = far.indices.map { index in
            taps.reduce(Float(0)) { sum, tap in
                let source = index - delay - tap.offset
                return source >= 0 ? sum + tap.weight * far[source] : sum
            }
        }
        var erleDB: Float = 0
        for block in 0..<blockCount {
            let range = block * frameCount..<(block + 1) * frameCount
            far.withUnsafeBufferPointer { farPointer in
                capture.withUnsafeBufferPointer { capturePointer in
                    let captureBlock = UnsafeBufferPointer(rebasing: capturePointer[range])
                    let reference = UnsafeBufferPointer(rebasing: farPointer[range])
                    _ = canceller.filter(capture: captureBlock, reference: reference)
                    let capturePower = captureBlock.reduce(0) { $0 + $1 * $1 }
                    let residualPower = canceller.residual.reduce(0) { $0 + $1 * $1 }
                    erleDB = 10 * log10f(max(capturePower, 1e-12) / max(residualPower, 1e-12))
                    canceller.learn(capture: captureBlock, isFrozen: false)
                }
            }
        }
        return (canceller.delayMilliseconds, canceller.adoptionCount, erleDB)
    }

    @Test("a delay placed early follows the filter's main tap, keeping its taps and its cancellation")
    func recenters() throws {
        // 400 ms, the first 123 of them before the echo arrives. Measured: 123 ms and 63 dB re-centred; 114 ms and
        // 13 dB without (the filter, ending at 126 ms, cannot reach the tap at 127 ms, 14 dB under the echo).
        let recentred = self.run(isRecentering: true, blockCount: 40)
        let delay = try #require(recentred.delayMilliseconds)
        #expect((122...124).contains(delay), "\(delay) ms")
        #expect(recentred.adoptionCount == 0)
        #expect(recentred.erleDB > 40, "\(recentred.erleDB) dB")
        let fixed = self.run(isRecentering: false, blockCount: 40)
        #expect(fixed.delayMilliseconds == 114)
        #expect(fixed.erleDB < 20, "\(fixed.erleDB) dB")
    }
}
