import Foundation
import Testing

@testable import Voice

/// The barge-in kernels against their scalar references on random input.
///
/// Tolerances: the prediction and the covariance update run each lane with the reference's operations in its
/// order, so they must agree bit for bit. The sums of squares and the NLMS update add across lanes; a sum may
/// differ from the reference's by 1e-5 of the sum of the magnitudes added (single precision rounds each of some
/// 256 adds at 6e-8), and after whole blocks of NLMS updates (each frame's gain depending on the last frame's
/// taps) every tap stays within 1e-4 of the largest tap, which a wrong lane, tap or frame could not meet.
@Suite("Barge-in kernels")
struct BargeInKernelTests {
    static let sumTolerance: Float = 1e-5
    static let tapTolerance: Float = 1e-4

    static func random(_ count: Int, in range: ClosedRange<Float>, using generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &generator) }
    }

    @Test(
        "Prediction: SIMD matches the reference bit for bit",
        arguments: [(160, 256), (80, 128), (37, 13), (8, 1), (0, 16)])
    func predict(frameCount: Int, tapCount: Int) {
        var generator = SeededGenerator(seed: UInt64(frameCount * 1000 + tapCount))
        let taps = Self.random(tapCount, in: -0.2...0.2, using: &generator)
        let far = Self.random(frameCount + tapCount - 1, in: -1...1, using: &generator)
        let capture = Self.random(frameCount, in: -1...1, using: &generator)
        var vectorized = [Float](repeating: .nan, count: frameCount)
        var reference = [Float](repeating: .nan, count: frameCount)
        taps.withUnsafeBufferPointer { taps in
            far.withUnsafeBufferPointer { far in
                capture.withUnsafeBufferPointer { capture in
                    vectorized.withUnsafeMutableBufferPointer {
                        guard let output = $0.baseAddress else { return }
                        BargeInKernels.Vectorized.predict(
                            taps: taps.baseAddress!, tapCount: tapCount, far: far.baseAddress!,
                            capture: capture.baseAddress!, residual: output, frameCount: frameCount)
                    }
                    reference.withUnsafeMutableBufferPointer {
                        guard let output = $0.baseAddress else { return }
                        BargeInKernels.Reference.predict(
                            taps: taps.baseAddress!, tapCount: tapCount, far: far.baseAddress!,
                            capture: capture.baseAddress!, residual: output, frameCount: frameCount)
                    }
                }
            }
        }
        #expect(vectorized.map(\.bitPattern) == reference.map(\.bitPattern))
    }

    @Test(
        "NLMS update: SIMD stays within tolerance of the reference over several blocks",
        arguments: [(160, 256), (80, 128), (37, 13), (16, 40)])
    func adapt(frameCount: Int, tapCount: Int) {
        var generator = SeededGenerator(seed: UInt64(frameCount * 7 + tapCount))
        var vectorizedTaps = [Float](repeating: 0, count: tapCount)
        var referenceTaps = vectorizedTaps
        // An echo through a random path, so that the filter has something to converge on.
        let path = Self.random(tapCount, in: -0.3...0.3, using: &generator)
        for block in 0..<4 {
            let far = Self.random(frameCount + tapCount - 1, in: -1...1, using: &generator)
            let capture = (0..<frameCount).map { frame in
                (0..<tapCount).reduce(Float(0)) { $0 + path[$1] * far[frame + $1] }
                    + Float.random(in: -0.01...0.01, using: &generator)
            }
            far.withUnsafeBufferPointer { far in
                capture.withUnsafeBufferPointer { capture in
                    vectorizedTaps.withUnsafeMutableBufferPointer {
                        BargeInKernels.Vectorized.adapt(
                            taps: $0.baseAddress!, tapCount: tapCount, far: far.baseAddress!,
                            capture: capture.baseAddress!, frameCount: frameCount, stepSize: 0.5)
                    }
                    referenceTaps.withUnsafeMutableBufferPointer {
                        BargeInKernels.Reference.adapt(
                            taps: $0.baseAddress!, tapCount: tapCount, far: far.baseAddress!,
                            capture: capture.baseAddress!, frameCount: frameCount, stepSize: 0.5)
                    }
                }
            }
            let largest = referenceTaps.map(abs).max() ?? 0
            let worst = zip(vectorizedTaps, referenceTaps).map { abs($0 - $1) }.max() ?? 0
            #expect(largest > 0)
            #expect(worst <= Self.tapTolerance * largest, "block \(block): \(worst) against \(largest)")
        }
    }

    @Test("Sum of squares: SIMD within 1e-5 of the reference, every length to 70 and a block")
    func sumOfSquares() {
        var generator = SeededGenerator(seed: 42)
        for count in Array(0...70) + [160, 320] {
            let samples = Self.random(count + 3, in: -1...1, using: &generator)
            samples.withUnsafeBufferPointer {
                // Offset by a sample or three: the loads are unaligned.
                let start = $0.baseAddress! + count % 4
                let vectorized = BargeInKernels.Vectorized.sumOfSquares(start, count: count)
                let reference = BargeInKernels.Reference.sumOfSquares(start, count: count)
                #expect(abs(vectorized - reference) <= Self.sumTolerance * max(reference, 1e-30), "count \(count)")
            }
        }
    }

    @Test("Covariance update: SIMD matches the reference bit for bit", arguments: [201, 101, 8, 5, 0])
    func updateCovariance(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        var vectorized = Self.random(count, in: -1...1, using: &generator)
        var reference = vectorized
        for _ in 0..<10 {
            let envelopes = Self.random(count, in: 0...1, using: &generator)
            let weight = Float.random(in: -0.01...0.01, using: &generator)
            envelopes.withUnsafeBufferPointer { envelopes in
                vectorized.withUnsafeMutableBufferPointer {
                    guard let sums = $0.baseAddress else { return }
                    BargeInKernels.Vectorized.updateCovariance(
                        sums, envelopes: envelopes.baseAddress!, count: count, decay: 0.996, weight: weight, mean: 0.3)
                }
                reference.withUnsafeMutableBufferPointer {
                    guard let sums = $0.baseAddress else { return }
                    BargeInKernels.Reference.updateCovariance(
                        sums, envelopes: envelopes.baseAddress!, count: count, decay: 0.996, weight: weight, mean: 0.3)
                }
            }
        }
        #expect(vectorized.map(\.bitPattern) == reference.map(\.bitPattern))
    }

    @Test("The reference kernels raise the same barge-in as the SIMD kernels on a constructed call")
    func referenceKernelsAgree() throws {
        let scenario = try BargeInScenario.make(
            echoDelayMilliseconds: 60, echoGain: 0.5, caller: BargeInScenario.callerSpeech(utterance: 3),
            callerOnsetSeconds: 2.5)
        var vectorizedDetector = try BargeInDetector(sampleRate: BargeInScenario.sampleRate)
        let vectorized = scenario.run(processor: nil, detector: &vectorizedDetector)
        BargeInKernels.isReferenceForced = true
        defer { BargeInKernels.isReferenceForced = false }
        #expect(BargeInKernels.kernel == .reference)
        var referenceDetector = try BargeInDetector(sampleRate: BargeInScenario.sampleRate)
        let reference = scenario.run(processor: nil, detector: &referenceDetector)
        #expect(vectorized.count == 1)
        #expect(vectorized.map(\.raisedFrame) == reference.map(\.raisedFrame))
        #expect(vectorized.map(\.onsetFrame) == reference.map(\.onsetFrame))
        #expect(vectorizedDetector.echoDelayMilliseconds == referenceDetector.echoDelayMilliseconds)
    }
}
