import Foundation
import Recognition
import Spotting

/// `attendant eval spot --head digits`: the digits head over a transcript list of one spoken digit per file.
///
/// Each recording is embedded as one turn (`UtteranceEmbedding`) and classified; "oh" and "zero" are the same
/// digit. The embedding's CPU time is counted per audio second of the recordings themselves.
struct DigitSpottingEvaluation {
    /// One scored file.
    struct Row {
        var path: String
        var reference: String
        var label: String
        var probability: Float
        var isCorrect: Bool
    }

    var rows: [Row] = []
    var audioSeconds = 0.0
    var embeddingCPUSeconds = 0.0

    /// The share of files whose digit was right.
    var accuracy: Double {
        self.rows.isEmpty ? 0 : Double(self.rows.filter(\.isCorrect).count) / Double(self.rows.count)
    }

    /// The digit a word names, so that "oh" and "zero" compare equal; `nil` for anything else.
    static func digit(_ word: String) -> Int? {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        if word == "oh" { return 0 }
        return words.firstIndex(of: word)
    }

    /// Runs the head over every file of the list.
    ///
    /// - Parameter progress: called after each file with (done, total).
    /// - Throws: `UsageError` for a malformed list or a transcript that is not one digit word; the first file that
    ///   cannot be read fails the run with its name.
    static func run(
        listPath: String, head: SpotterHead, embedder: SpeechEmbedder, progress: (Int, Int) -> Void
    ) throws -> DigitSpottingEvaluation {
        let entries = try TranscriptList.read(listPath)
        var evaluation = DigitSpottingEvaluation()
        let utterance = UtteranceEmbedding()
        for (index, entry) in entries.enumerated() {
            let words = TranscriptText.words(entry.transcript)
            guard words.count == 1, let expected = Self.digit(words[0]) else {
                throw UsageError(
                    "\(entry.path): the digits head scores one digit word per file, not '\(entry.transcript)'")
            }
            let samples = try SpeechAudio.read(entry.path)
            let start = threadCPUSeconds()
            let (windows, speechStart, speechEnd) = utterance.windows(of: samples, embedder: embedder)
            evaluation.embeddingCPUSeconds += threadCPUSeconds() - start
            evaluation.audioSeconds += Double(samples.count) / Double(SpeechEmbedder.sampleRate)
            guard let result = head.classify(windows, speechStart: speechStart, speechEnd: speechEnd) else {
                throw UsageError("\(entry.path): no embedding window")
            }
            evaluation.rows.append(
                Row(
                    path: entry.path, reference: words[0], label: result.label, probability: result.probability,
                    isCorrect: Self.digit(result.label) == expected))
            progress(index + 1, entries.count)
        }
        return evaluation
    }
}
