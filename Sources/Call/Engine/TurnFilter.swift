import AudioCore
import Voice

/// What the recognizer hears of one turn: the line through a webrtc processor made for that turn alone (high-pass
/// filter, and the noise suppressor unless `input` is `highPass`; never the gain control).
///
/// A processor that ran for the whole call changed the same recorded answer from turn to turn: its gain control
/// moved with the agent's prompts, and its noise suppressor with the silences between turns, so one "yes that's
/// right" was accepted once and rejected on each repeat. Made afresh at each turn's pre-roll, the same audio is
/// heard the same way every time.
///
/// Not real-time safe: makes a webrtc processor. Call side only.
final class TurnFilter {
    private let processor: VoiceProcessor
    private var pending: [Float] = []
    private var block: [Float]
    private var output: [Int16]

    /// A filter for a new turn.
    ///
    /// - Throws: `CallError.frontEnd` when webrtc refuses the configuration.
    init(input: RecognizerInput) throws(CallError) {
        var configuration = VoiceProcessor.Configuration(profile: .line, sampleRate: CallFrontEnd.sampleRate)
        configuration.isGainControlEnabled = false
        configuration.isNoiseSuppressionEnabled = input == .noiseSuppressed
        do {
            self.processor = try VoiceProcessor(configuration)
        } catch {
            throw .frontEnd("\(error)")
        }
        self.block = [Float](repeating: 0, count: CallFrontEnd.blockFrameCount)
        self.output = [Int16](repeating: 0, count: CallFrontEnd.blockFrameCount)
    }

    /// Filters `samples` (the line, 16 kHz) and hands each finished 10 ms block to `body`; a partial block waits
    /// for the next call.
    func filter(_ samples: UnsafeBufferPointer<Int16>, _ body: (UnsafeBufferPointer<Int16>) -> Void) {
        for sample in samples { self.pending.append(Float(sample) / 32768) }
        var start = 0
        while self.pending.count - start >= self.block.count {
            for index in 0..<self.block.count { self.block[index] = self.pending[start + index] }
            self.block.withUnsafeMutableBufferPointer { _ = self.processor.processCapture($0) }
            self.block.withUnsafeBufferPointer { source in
                self.output.withUnsafeMutableBufferPointer { SampleConversion.convert(source, to: $0) }
            }
            self.output.withUnsafeBufferPointer(body)
            start += self.block.count
        }
        self.pending.removeFirst(start)
    }
}
