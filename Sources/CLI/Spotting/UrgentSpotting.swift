import Foundation
import Recognition
import Spotting

/// The embedding spotter's urgent head as an urgent-phrase detector over one recording, for `attendant eval kws`,
/// where it runs beside pocketsphinx's keyword search on the same set.
///
/// The recording is placed between the quiet lead-in and tail `UtteranceEmbedding` adds (1.0 s and 0.6 s of
/// seeded room noise: in a call the embedder has run since the call began), embedded in 10 ms blocks as a call's
/// audio would be, and every window goes through a `StreamingSpotter`. A firing becomes a detection whose phrase
/// is the kind of emergency the head named (`chestPain`, …) and whose start, end and report are its window's end, on the recording's clock (the lead-in is
/// not counted as audio), and whose score is the head's probability × 1000.
///
/// Not real-time safe: allocates per recording. Control side.
struct UrgentSpotting {
    let embedder: SpeechEmbedder
    let spotter: StreamingSpotter
    let padding = UtteranceEmbedding()

    /// The shipped urgent head, at its own threshold unless `threshold` is given.
    ///
    /// - Throws: `SpeechEmbeddingWeightsError` when the weights are missing, `SpotterHeadError` for the head.
    init(threshold: Float?) throws {
        self.embedder = SpeechEmbedder(weights: try SpeechEmbeddingWeights.load())
        self.spotter = StreamingSpotter(head: try SpotterHead.load(.urgent), threshold: threshold)
    }

    /// Every firing over `samples` (16 kHz).
    func detections(in samples: [Int16]) -> [KeywordDetection] {
        self.spotter.reset()
        var detections: [KeywordDetection] = []
        self.padding.embed(samples, embedder: self.embedder) { embedding, endSeconds in
            let decision = self.spotter.push(embedding)
            guard decision.hasFired else { return }
            let reported = endSeconds - self.padding.leadingSeconds
            detections.append(
                KeywordDetection(
                    phrase: self.spotter.head.classes[decision.classIndex], startSeconds: reported,
                    endSeconds: reported, reportedSeconds: reported,
                    score: Int((decision.probability * 1000).rounded())))
        }
        return detections
    }
}
