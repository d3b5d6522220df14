import Foundation
import Speech
import Testing

@testable import Spotting

/// The shipped request-keyword head on sentences from flite's awb voice, which training never used.
/// `attendant eval request` measures it on the whole held-out sets.
@Suite("Request keyword head")
struct RequestHeadTests {
    /// The windows of `text` from flite awb, after 1 s and before 0.6 s of quiet, and where its speech lies.
    static func read(_ text: String, spotting: RequestSpotting) throws -> RequestSpotting.Reading {
        let voice = try #require(FliteLibrary.register(.awb))
        let wave = try #require(FliteLibrary.synthesize(text, voice: voice))
        try #require(wave.sampleRate == 16000)
        // `load()` honours ATTENDANT_MODEL_DIR, then looks for models/ as the CLI does.
        let embedder = SpeechEmbedder(weights: try SpeechEmbeddingWeights.load())
        let (windows, start, end) = UtteranceEmbedding().windows(of: wave.samples, embedder: embedder)
        return try #require(spotting.read(windows, speechStart: start, speechEnd: end))
    }

    /// After `other` and the eight families come the four requests the dialogue answers that are not intents.
    @Test("The shipped request head is a streaming head over 16 stacked windows, 'other' and twelve families")
    func shippedHead() throws {
        let head = try SpotterHead.load(.request)
        #expect(head.pooling == .stacked && head.contextWindowCount == 16 && head.hiddenCount > 0)
        #expect(
            head.classes == [
                "other", "book", "cancel", "reschedule", "prescription", "results", "hours", "address", "human",
                "doctors", "message", "billing", "forms",
            ])
        let threshold = try #require(head.threshold)
        #expect(threshold > 0 && threshold < 1)
    }

    /// A keyword sentence must score its own family higher than an unrelated sentence scores it, and be read as
    /// that family.
    @Test(
        "A request sentence scores its family above an unrelated sentence",
        arguments: [
            ("I'd like to cancel my appointment", "cancel"),
            ("what are your opening hours", "hours"),
            ("I need a refill of my prescription", "prescription"),
            ("could you tell me which doctors are there", "doctors"),
            ("can I leave a message for doctor Lee", "message"),
            ("I need a form filled in for work", "forms"),
        ])
    func keywordAboveUnrelated(text: String, family: String) throws {
        let spotting = try RequestSpotting.shipped()
        let index = try #require(spotting.head.classes.firstIndex(of: family)) - 1
        let keyword = try Self.read(text, spotting: spotting)
        let unrelated = try Self.read("the weather was lovely at the seaside last summer", spotting: spotting)
        #expect(keyword.family == family, "read as \(keyword.family) at \(keyword.probability)")
        #expect(keyword.scores[index] > unrelated.scores[index] + 0.2)
    }

    @Test("A turn with no window in it has no reading")
    func emptyTurn() throws {
        let spotting = try RequestSpotting.shipped()
        #expect(spotting.read(TurnWindows(), speechStart: 0, speechEnd: 1) == nil)
    }
}
