import Testing

@testable import Voice

/// Accuracy floors on the shared corpus, on the held-out `concat2` track (the detector was tuned on `concat1`).
///
/// Each floor sits about 0.01 under what the detector measures (see the README's VAD table) and at or above the
/// issue's target where the target is met: ≥ 0.95 on clean speech, and at 5 dB SNR a true-positive rate of at least
/// 0.90. WebRTC's best mode runs in the same test on the same file, so "at least as good as WebRTC" is checked
/// directly rather than against a remembered number. Five of the fourteen variants run here to keep the debug
/// test suite quick; `attendant eval vad` covers all of them.
@Suite("VAD accuracy on vad_concat")
struct VoiceActivityAccuracyTests {
    struct Floor: CustomTestStringConvertible, Sendable {
        var file: String
        var accuracy: Double
        var truePositiveRate: Double
        var falsePositiveRate: Double
        var testDescription: String { self.file }
    }

    static let floors = [
        // Measured: accuracy 0.966, TPR 0.974, FPR 0.045 (Silero 0.947, WebRTC best mode 0.944).
        Floor(file: "concat2_clean_16k", accuracy: 0.955, truePositiveRate: 0.96, falsePositiveRate: 0.06),
        // Measured: accuracy 0.926, TPR 0.921, FPR 0.066 (Silero 0.816, WebRTC best mode 0.894). The TPR and FPR
        // floors are the target at 5 dB SNR.
        Floor(file: "concat2_tap_snr5_16k", accuracy: 0.916, truePositiveRate: 0.90, falsePositiveRate: 0.10),
        // Measured: accuracy 0.968, TPR 0.976, FPR 0.044 (Silero 0.953, WebRTC best mode 0.952).
        Floor(file: "concat2_clean_8k_ulaw", accuracy: 0.958, truePositiveRate: 0.96, falsePositiveRate: 0.06),
        // Measured: accuracy 0.932, TPR 0.934, FPR 0.071 (Silero 0.937, WebRTC best mode 0.886). The accuracy floor
        // is the target, Silero's minus 0.01.
        Floor(file: "concat2_bike_snr10_16k", accuracy: 0.927, truePositiveRate: 0.92, falsePositiveRate: 0.09),
        // Measured: accuracy 0.921, TPR 0.968, FPR 0.139 (Silero 0.941, WebRTC best mode 0.917): at or above WebRTC,
        // which the test checks, but under Silero's minus 0.01 (0.931), which it does not.
        Floor(file: "concat2_dishes_snr20_16k", accuracy: 0.911, truePositiveRate: 0.95, falsePositiveRate: 0.15),
    ]

    @Test("Attendant's VAD meets its floor and beats WebRTC's best mode", arguments: floors)
    func floor(_ floor: Floor) throws {
        let file = try VoiceTestSupport.concatFile(floor.file)
        let decisions = try VoiceTestSupport.attendantDecisions(file.samples, sampleRate: file.sampleRate)
        let score = FrameScore(decisions: decisions, labels: file.labels)
        #expect(score.accuracy >= floor.accuracy)
        #expect(score.truePositiveRate >= floor.truePositiveRate)
        #expect(score.falsePositiveRate <= floor.falsePositiveRate)

        let webRTCBest = try (0...3).map { mode in
            FrameScore(
                decisions: try VoiceTestSupport.webRTCDecisions(file.samples, sampleRate: file.sampleRate, mode: mode),
                labels: file.labels
            ).accuracy
        }.max()!
        #expect(score.accuracy >= webRTCBest, "WebRTC's best mode scored \(webRTCBest)")
    }

    @Test("The reference kernels give the same decisions as the SIMD kernels on real speech")
    func referenceKernelsAgree() throws {
        let file = try VoiceTestSupport.concatFile("concat2_clean_8k")
        let samples = Array(file.samples.prefix(8000 * 15))
        let vectorized = try VoiceTestSupport.attendantDecisions(samples, sampleRate: 8000)
        VoiceActivityKernels.isReferenceForced = true
        defer { VoiceActivityKernels.isReferenceForced = false }
        let reference = try VoiceTestSupport.attendantDecisions(samples, sampleRate: 8000)
        #expect(vectorized == reference)
        #expect(vectorized.contains(true) && vectorized.contains(false))
    }

    @Test("Only 8 and 16 kHz are accepted", arguments: [0, 11025, 44100, 48000])
    func unsupportedRate(rate: Int) {
        #expect(throws: VoiceActivityError.unsupportedSampleRate(rate)) { try VoiceActivityDetector(sampleRate: rate) }
        #expect(throws: VoiceActivityError.unsupportedSampleRate(rate)) {
            try WebRTCVoiceActivityDetector(mode: 2, sampleRate: rate)
        }
    }

    @Test("WebRTC modes outside 0-3 are refused")
    func invalidMode() {
        #expect(throws: VoiceActivityError.invalidMode(4)) {
            try WebRTCVoiceActivityDetector(mode: 4, sampleRate: 8000)
        }
    }

    @Test("Counters follow the decisions")
    func counters() throws {
        let file = try VoiceTestSupport.concatFile("concat2_clean_8k")
        let detector = try VoiceActivityDetector(sampleRate: 8000)
        var speechBlocks = 0
        file.samples.withUnsafeBufferPointer { buffer in
            for block in 0..<1000 where detector.process(buffer, from: block * 80).isSpeech { speechBlocks += 1 }
        }
        #expect(detector.counters.blockCount == 1000)
        #expect(detector.counters.speechBlockCount == speechBlocks)
        #expect(detector.counters.onsetCount >= 3)
        detector.reset()
        #expect(detector.counters.blockCount == 0)
    }
}
