import AudioCore
import Foundation

/// The embedding windows of one recorded utterance, as a per-turn head sees them in a call.
///
/// In a call the embedder has run since the call began, so a turn's first window already has 0.8 s of line
/// audio behind it. A lone recording has none: it is placed between `leadingSeconds` and `trailingSeconds` of
/// quiet, seeded room noise (`noiseLevel` RMS in Int16 units), which is what `tools/train-spotter-heads` does
/// to its training speech, and its speech is taken to span the recording.
///
/// Not real-time safe: allocates. Control side and tools.
public struct UtteranceEmbedding {
    /// Quiet lead-in before the recording, seconds.
    public var leadingSeconds = 1.0
    /// Quiet tail after it, seconds.
    public var trailingSeconds = 0.6
    /// The room noise's RMS, Int16 units.
    public var noiseLevel: Float = 5
    /// The noise's seed, so the same recording always gives the same windows.
    public var seed: UInt64 = 7

    public init() {}

    /// The windows of `samples` (16 kHz) and where its speech lies in them, seconds.
    public func windows(
        of samples: [Int16], embedder: SpeechEmbedder
    ) -> (windows: TurnWindows, speechStart: Double, speechEnd: Double) {
        var windows = TurnWindows()
        self.embed(samples, embedder: embedder) { embedding, endSeconds in
            windows.append(embedding, endTime: endSeconds)
        }
        let speechStart = self.leadingSeconds
        return (windows, speechStart, speechStart + Double(samples.count) / Double(SpeechEmbedder.sampleRate))
    }

    /// Embeds `samples` (16 kHz) between the quiet lead-in and tail from a fresh embedder, in 10 ms blocks as a
    /// call's audio arrives, calling `body` with each window and its end, seconds from the lead-in's start.
    public func embed(
        _ samples: [Int16], embedder: SpeechEmbedder,
        _ body: (_ embedding: UnsafeBufferPointer<Float>, _ endSeconds: Double) -> Void
    ) {
        let padded = self.padded(samples)
        embedder.reset()
        let chunkSeconds = Double(MelFrontEnd.chunkSampleCount) / Double(SpeechEmbedder.sampleRate)
        let blockCount = SpeechEmbedder.sampleRate / 100
        padded.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let block = UnsafeBufferPointer(rebasing: buffer[start..<min(start + blockCount, buffer.count)])
                embedder.process(block) { chunk in
                    guard let embedding = chunk.embedding else { return }
                    body(embedding, Double(chunk.index + 1) * chunkSeconds)
                }
                start += blockCount
            }
        }
    }

    /// `samples` between the quiet lead-in and tail, with the seeded room noise over all of it.
    public func padded(_ samples: [Int16]) -> [Int16] {
        let rate = Double(SpeechEmbedder.sampleRate)
        let leading = Int(self.leadingSeconds * rate)
        let trailing = Int(self.trailingSeconds * rate)
        var random = SeededRandomNumberGenerator(seed: self.seed)
        var padded = [Int16](repeating: 0, count: leading + samples.count + trailing)
        for index in padded.indices {
            let speech = index >= leading && index < leading + samples.count ? Float(samples[index - leading]) : 0
            let value = (speech + self.noiseLevel * Self.gaussian(&random)).rounded()
            padded[index] = Int16(max(-32768, min(32767, value)))
        }
        return padded
    }

    /// A standard normal value (Box–Muller).
    static func gaussian(_ random: inout SeededRandomNumberGenerator) -> Float {
        let first = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let second = Double.random(in: 0..<1, using: &random)
        return Float((-2 * log(first)).squareRoot() * cos(2 * .pi * second))
    }
}
