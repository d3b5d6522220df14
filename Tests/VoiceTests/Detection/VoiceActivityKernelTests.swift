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
            #expect(Self.isClose(vectorizedState.y1.sum(), referenceState.y1.sum()))
            #expect(vectorizedState.x1 == referenceState.x1 && vectorizedState.x2 == referenceState.x2)
            #expect(vectorizedPitch.map(\.bitPattern) == referencePitch.map(\.bitPattern))
            #expect(vectorizedState.decimationPhase == referenceState.decimationPhase)
        }
    }

    @Test("Periodicity: SIMD matches the reference on random and periodic signals, block after block")
    func periodicity() {
        var generator = SeededGenerator(seed: 42)
        let history = VoiceActivityKernels.historyCount
        let step = VoiceActivityKernels.halfWindowCount
        for trial in 0..<20 {
            let period = Float(12 + trial * 2)
            let noise = Float(trial % 4) * 0.3
            let signal = (0..<history + 4 * step).map { index -> Float in
                let tone: Float = 0.3 * sinf(2 * Float.pi * Float(index) / period)
                return tone + noise * Float.random(in: -1...1, using: &generator)
            }
            var vectorizedSums = PeriodicitySums()
            var referenceSums = PeriodicitySums()
            // Four calls, each one half window further on, so the kept half-window sums are exercised.
            for call in 0...4 {
                let window = Array(signal[(call * step)..<(call * step + history)])
                let vectorized = window.withUnsafeBufferPointer {
                    VoiceActivityKernels.Vectorized.periodicity($0, sums: &vectorizedSums)
                }
                let reference = window.withUnsafeBufferPointer {
                    VoiceActivityKernels.Reference.periodicity($0, sums: &referenceSums)
                }
                #expect(
                    Self.isClose(vectorized, reference), "trial \(trial), call \(call): \(vectorized) vs \(reference)")
                if noise == 0 && call > 0 { #expect(reference > 0.95, "a pure sine of period \(period) is periodic") }
            }
        }
    }

    @Test("Periodicity over two half windows equals one computation over the whole window")
    func periodicityHalves() {
        var generator = SeededGenerator(seed: 7)
        let history = VoiceActivityKernels.historyCount
        let step = VoiceActivityKernels.halfWindowCount
        let signal = (0..<history + step).map { _ in Float.random(in: -1...1, using: &generator) }
        // The whole-window definition, written out: the largest c / √(W·E) over the lags, at least 0.
        let end = signal.count
        let window = (end - VoiceActivityKernels.windowCount)..<end
        let windowEnergy = window.reduce(Float(0)) { $0 + signal[$1] * signal[$1] }
        var expected: Float = 0
        for lag in VoiceActivityKernels.minimumLag..<(VoiceActivityKernels.minimumLag + VoiceActivityKernels.lagCount) {
            let correlation = window.reduce(Float(0)) { $0 + signal[$1] * signal[$1 - lag] }
            let energy = window.reduce(Float(0)) { $0 + signal[$1 - lag] * signal[$1 - lag] }
            expected = max(expected, correlation / (windowEnergy * energy).squareRoot())
        }
        var sums = PeriodicitySums()
        _ = Array(signal[0..<history]).withUnsafeBufferPointer {
            VoiceActivityKernels.Reference.periodicity($0, sums: &sums)
        }
        let combined = Array(signal[step..<(step + history)]).withUnsafeBufferPointer {
            VoiceActivityKernels.Reference.periodicity($0, sums: &sums)
        }
        #expect(abs(combined - expected) <= 1e-4, "\(combined) vs \(expected)")
    }

    @Test("Band powers in dB: SIMD matches the reference, and both are within 1e-3 dB of log10f")
    func decibels() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            var powers = SIMD8<Float>()
            for lane in 0..<8 { powers[lane] = powf(10, Float.random(in: -12...1, using: &generator)) }
            let vectorized = VoiceActivityKernels.Vectorized.decibels(powers)
            for lane in 0..<8 {
                let reference = VoiceActivityKernels.Reference.decibels(powers[lane])
                #expect(vectorized[lane] == reference, "\(powers[lane])")
                #expect(abs(reference - 10 * log10f(powers[lane] + 1e-10)) <= 1e-3, "\(powers[lane])")
            }
        }
        #expect(abs(VoiceActivityKernels.Reference.decibels(0) + 100) <= 1e-3)
    }

    @Test("Periodicity is 0 for a near-silent or constant signal (A-law's digital silence)")
    func periodicityOfSilence() {
        let constant = [Float](repeating: 8 / 32768, count: VoiceActivityKernels.historyCount)
        var referenceSums = PeriodicitySums()
        var vectorizedSums = PeriodicitySums()
        for _ in 0..<2 {
            #expect(
                constant.withUnsafeBufferPointer {
                    VoiceActivityKernels.Reference.periodicity($0, sums: &referenceSums)
                }
                    == 0)
            #expect(
                constant.withUnsafeBufferPointer {
                    VoiceActivityKernels.Vectorized.periodicity($0, sums: &vectorizedSums)
                } == 0)
        }
    }
}
