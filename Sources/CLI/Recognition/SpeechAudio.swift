import AudioCore
import Codecs
import Foundation
import Recognition

/// Reads an audio file as the recognizer hears it: mono 16-bit at 16 kHz (8 kHz telephone audio upsampled).
enum SpeechAudio {
    /// The whole file as 16 kHz mono samples. Headerless `.raw`/`.pcm` files are taken as 16 kHz 16-bit mono,
    /// pocketsphinx's own convention.
    ///
    /// - Throws: `AudioFileError` naming the file when it cannot be read or converted.
    static func read(_ path: String) throws -> [Int16] {
        let url = URL(fileURLWithPath: path)
        let reader =
            AudioFileKind.forInput(path) == .rawPCM
            ? try AudioFileReader(contentsOf: url, rawFormat: .raw(sampleRate: Recognizer.sampleRate))
            : try AudioFileReader(contentsOf: url)
        let converter = try ConvertingAudioFileReader(reader, sampleRate: Recognizer.sampleRate, channelCount: 1)
        let floats = try converter.readAll()
        var samples = [Int16](repeating: 0, count: floats.count)
        floats.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { SampleConversion.convert(source, to: $0) }
        }
        return samples
    }
}

/// Scoring recognized text against what was said.
enum TranscriptText {
    /// The words of `text` as a recognizer spells them (`SpokenText`): lower case, no punctuation, numbers,
    /// times and "Dr." spelled out, so a reference written "11:45 with Dr. Lee" matches what was heard.
    static func words(_ text: String) -> [String] {
        SpokenText.words(text)
    }

    /// Substitutions, deletions and insertions turning `reference` into `hypothesis` (word-level edit distance).
    static func errorCount(reference: [String], hypothesis: [String]) -> Int {
        var previous = Array(0...hypothesis.count)
        for (i, referenceWord) in reference.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: hypothesis.count)
            for (j, hypothesisWord) in hypothesis.enumerated() {
                let substitution = previous[j] + (referenceWord == hypothesisWord ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            previous = current
        }
        return previous[hypothesis.count]
    }
}

/// CPU time of the calling thread, for real-time factors that do not depend on what else the machine runs.
func threadCPUSeconds() -> Double { ProcessUsage.threadCPUSeconds() }
