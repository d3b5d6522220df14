import AudioCore
import Foundation

/// Deterministic speech-like audio for benchmarks: a voiced harmonic series whose pitch and loudness drift like
/// an utterance, with syllable-rate gaps and a little noise. Codec and resampler costs depend on the signal, so
/// the benchmarks use this rather than silence or a pure tone.
enum TestSignal {
    /// `seconds` of speech-like Int16 samples at `sampleRate`.
    static func speechLike(sampleRate: Int, seconds: Double) -> [Int16] {
        let frameCount = Int(Double(sampleRate) * seconds)
        var generator = SeededRandomNumberGenerator(seed: 0x5EED)
        var phase = 0.0
        var samples = [Int16](repeating: 0, count: frameCount)
        for index in 0..<frameCount {
            let time = Double(index) / Double(sampleRate)
            let pitch = 120 + 30 * sin(2 * Double.pi * 0.7 * time)
            phase += 2 * Double.pi * pitch / Double(sampleRate)
            let syllable = max(0, sin(2 * Double.pi * 4 * time))
            var voiced = 0.0
            for harmonic in 1...12 where Double(harmonic) * pitch < Double(sampleRate) / 2 {
                voiced += sin(Double(harmonic) * phase) / Double(harmonic)
            }
            let noise = Double(generator.next() % 2001) / 1000 - 1
            let value = 9000 * syllable * voiced + 300 * noise
            samples[index] = Int16(clamping: Int(value.rounded()))
        }
        return samples
    }
}
