import Foundation
import Recognition
import Spotting
import Understanding

/// `attendant eval spot --head digits|yesno`: a per-turn head over a transcript list.
///
/// Each recording is embedded as one turn (`UtteranceEmbedding`) and classified. For `digits` each transcript is
/// one digit word ("oh" and "zero" are the same digit); for `yesno` the transcript's class is what the
/// understanding layer reads in it (`yes please` is yes, `no that's it` is no, anything without a yes or a no is
/// other). The embedding's CPU time is counted per audio second of the recordings themselves.
struct SpottingEvaluation {
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
    ) throws -> SpottingEvaluation {
        let entries = try TranscriptList.read(listPath)
        var evaluation = SpottingEvaluation()
        let utterance = UtteranceEmbedding()
        let understander = Understander(doctors: [], calendar: Calendar(identifier: .gregorian))
        for (index, entry) in entries.enumerated() {
            let reference: String
            if head.name == "yesno" {
                let answer = understander.understand(entry.transcript, now: Date(timeIntervalSince1970: 0)).slots.answer
                reference = answer?.rawValue ?? "other"
            } else {
                let words = TranscriptText.words(entry.transcript)
                guard words.count == 1, Self.digit(words[0]) != nil else {
                    throw UsageError(
                        "\(entry.path): the digits head scores one digit word per file, not '\(entry.transcript)'")
                }
                reference = words[0]
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
                    path: entry.path, reference: reference, label: result.label, probability: result.probability,
                    isCorrect: head.name == "yesno"
                        ? result.label == reference : Self.digit(result.label) == Self.digit(reference)))
            progress(index + 1, entries.count)
        }
        return evaluation
    }
}
