import Foundation
import Recognition

/// `attendant eval asr`: word error rate, sentence accuracy and real-time factor over a transcript list.
///
/// The list is a `TranscriptList`.
struct ASREvaluation {
    /// One scored file.
    struct Row {
        var path: String
        var reference: String
        var hypothesis: String
        var wordCount: Int
        var errorCount: Int
        var audioSeconds: Double
        var cpuSeconds: Double
        var confidence: Double?
        var acousticMargin: Double?
        var isRejected: Bool
    }

    var rows: [Row] = []
    /// Thread CPU seconds in the context's decoder and in its phone loop, over every file.
    var decodingCPUSeconds: (decoder: Double, phoneLoop: Double) = (0, 0)

    /// Decodes every file of the list with a recognizer for `context` (and, for `name`, `names` and
    /// `includesCommonNames`; pocketsphinx
    /// options over the context's for its decoder and phone loop, to measure settings).
    ///
    /// - Parameter progress: called after each file with (done, total).
    /// - Throws: `UsageError` for a malformed list; the first file that cannot be read fails the run with its name.
    static func run(
        listPath: String, context: RecognitionContext, names: [String] = RecognitionContext.defaultNames,
        includesCommonNames: Bool = false, decoderOptions: [String] = [], phoneLoopOptions: [String] = [],
        progress: (Int, Int) -> Void
    ) throws -> ASREvaluation {
        let entries = try TranscriptList.read(listPath)

        let recognizer = try Recognizer(
            context: context, names: names, includesCommonNames: includesCommonNames, decoderOptions: decoderOptions,
            phoneLoopOptions: phoneLoopOptions)
        var evaluation = ASREvaluation()
        for (index, entry) in entries.enumerated() {
            let samples = try SpeechAudio.read(entry.path)
            let start = threadCPUSeconds()
            let result = try recognizer.recognize(samples)
            let cpuSeconds = threadCPUSeconds() - start
            let reference = TranscriptText.words(entry.transcript)
            let hypothesis = TranscriptText.words(result.text)
            evaluation.rows.append(
                Row(
                    path: entry.path, reference: reference.joined(separator: " "),
                    hypothesis: hypothesis.joined(separator: " "), wordCount: reference.count,
                    errorCount: TranscriptText.errorCount(reference: reference, hypothesis: hypothesis),
                    audioSeconds: result.audioSeconds, cpuSeconds: cpuSeconds, confidence: result.confidence,
                    acousticMargin: result.acousticMargin, isRejected: result.isRejected))
            progress(index + 1, entries.count)
        }
        evaluation.decodingCPUSeconds = recognizer.decodingCPUSeconds
        return evaluation
    }

    var rejectedCount: Int { self.rows.filter(\.isRejected).count }
    var wordCount: Int { self.rows.reduce(0) { $0 + $1.wordCount } }
    var errorCount: Int { self.rows.reduce(0) { $0 + $1.errorCount } }
    var wordErrorRate: Double { self.wordCount > 0 ? Double(self.errorCount) / Double(self.wordCount) : 0 }
    var sentenceAccuracy: Double {
        self.rows.isEmpty ? 0 : Double(self.rows.filter { $0.errorCount == 0 }.count) / Double(self.rows.count)
    }
    var audioSeconds: Double { self.rows.reduce(0) { $0 + $1.audioSeconds } }
    var realTimeFactor: Double {
        let audio = self.rows.reduce(0) { $0 + $1.audioSeconds }
        return audio > 0 ? self.rows.reduce(0) { $0 + $1.cpuSeconds } / audio : 0
    }
}
