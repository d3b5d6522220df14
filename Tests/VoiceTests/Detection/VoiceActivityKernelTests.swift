import Foundation
import Testing

@testable import Voice

/// The SIMD kernels run the same fused multiply-adds in the same order as the scalar reference, per band and per
/// lag, so they should agree bit for bit; the stated tolerance is a relative error of 1e-5 (the filter sums and
/// the correlation peak), which a reordering compiler could need and a wrong lane or a wrong lag could not meet.
@Suite("VAD kernels")
struct VoiceActivityKernelTests {
    static let tolerance: Float = 1e-5

    static func isClose(_ a: Float, _ b: Float) -> Bool {
        abs(a - b) <= Self.tolerance * max(abs(a), abs(b), 1e-12)
    }

    @Test("Filter bank: SIMD matches the reference on random blocks, across block edges", arguments: [8000, 16000])
    func filterBank(sampleRate: Int) {
        var generator = SeededGenerator(seed: UInt64(sampleRate))
        let bank = FilterBankCoefficients(sampleRate: sampleRate)
        var vectorizedState = FilterBankState()
        var referenceState = FilterBankState()
        // Uneven lengths, including one the decimation does not divide, so state and phase carry across calls.
        for length in [sampleRate / 100, 1, 7, 333, sampleRate / 100] {
            let block = (0..<length).map { _ in Float.random(in: -1...1, using: &generator) }
            var vectorizedPitch = [Float](repeating: .nan, count: length)
            var referencePitch = [Float](repeating: .nan, count: length)
            let vectorized = block.withUnsafeBufferPointer { input in
                vectorizedPitch.withUnsafeMutableBufferPointer {
                    VoiceActivityKernels.Vectorized.filter(input, bank: bank, state: &vectorizedState, pitch: $0)
                }
            }
            let reference = block.withUnsafeBufferPointer { input in
                referencePitch.withUnsafeMutableBufferPointer {
                    VoiceActivityKernels.Reference.filter(input, bank: bank, state: &referenceState, pitch: $0)
                }
            }
            for band in 0..<8 {
                #expect(Self.isClose(vectorized[band], reference[band]), "band \(band), length \(length)")
                #expect(reference[band] > 0)
            }
            #expect(Self.isClose(vectorizedState.z1.sum(), referenceState.z1.sum()))
            #expect(vectorizedPitch.map(\.bitPattern) == referencePitch.map(\.bitPattern))
            #expect(vectorizedState.decimationPhase == referenceState.decimationPhase)
        }
    }

    @Test("Periodicity: SIMD matches the reference on random and periodic signals")
    func periodicity() {
        var generator = SeededGenerator(seed: 42)
        let count = VoiceActivityKernels.historyCount + 40
        for trial in 0..<20 {
            let period = Float(12 + trial * 2)
            let noise = Float(trial % 4) * 0.3
            let signal = (0..<count).map { index -> Float in
                let tone: Float = 0.3 * sinf(2 * Float.pi * Float(index) / period)
                return tone + noise * Float.random(in: -1...1, using: &generator)
            }
            let vectorized = signal.withUnsafeBufferPointer { VoiceActivityKernels.Vectorized.periodicity($0) }
            let reference = signal.withUnsafeBufferPointer { VoiceActivityKernels.Reference.periodicity($0) }
            #expect(Self.isClose(vectorized, reference), "trial \(trial): \(vectorized) vs \(reference)")
            if noise == 0 { #expect(reference > 0.95, "a pure sine of period \(period) is periodic") }
        }
    }

    @Test("Periodicity is 0 for a near-silent or constant signal (A-law's digital silence)")
    func periodicityOfSilence() {
        let constant = [Float](repeating: 8 / 32768, count: VoiceActivityKernels.historyCount)
        #expect(constant.withUnsafeBufferPointer { VoiceActivityKernels.Reference.periodicity($0) } == 0)
        #expect(constant.withUnsafeBufferPointer { VoiceActivityKernels.Vectorized.periodicity($0) } == 0)
    }
}
