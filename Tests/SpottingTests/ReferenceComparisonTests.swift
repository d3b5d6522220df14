import Foundation
import Testing

@testable import Spotting

/// Attendant's mel front end and network against onnxruntime running openwakeword's graphs the same streaming way
/// (`tools/speech-embedding-reference`) over three flite utterances.
@Suite("Speech embedding against onnxruntime")
struct ReferenceComparisonTests {
    /// Every mel chunk and every embedding of one fixture, streamed in 10 ms blocks.
    static func run(_ reference: SpottingFixtures.Reference, embedder: SpeechEmbedder) throws -> (
        mel: [Float], embeddings: [Float]
    ) {
        let samples = try SpottingFixtures.samples(reference.audio)
        var mel: [Float] = []
        var embeddings: [Float] = []
        samples.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let block = UnsafeBufferPointer(rebasing: buffer[start..<min(start + 160, buffer.count)])
                embedder.process(block) { chunk in
                    mel.append(contentsOf: chunk.melFrames)
                    if let embedding = chunk.embedding { embeddings.append(contentsOf: embedding) }
                }
                start += 160
            }
        }
        return (mel, embeddings)
    }

    @Test("Mel frames and embeddings match onnxruntime")
    func matchesOnnxruntime() throws {
        let weights = try SpottingFixtures.weights()
        for reference in try SpottingFixtures.references() {
            let embedder = SpeechEmbedder(weights: weights)
            let (mel, embeddings) = try Self.run(reference, embedder: embedder)
            let expectedMel = try SpottingFixtures.floats(reference.mel)
            let expectedEmbeddings = try SpottingFixtures.floats(reference.embedding)
            #expect(mel.count == expectedMel.count)
            #expect(embeddings.count == expectedEmbeddings.count)
            let melDifference = largestDifference(mel, expectedMel)
            let embeddingDifference = largestDifference(embeddings, expectedEmbeddings)
            let embeddingScale = expectedEmbeddings.reduce(0) { max($0, abs($1)) }
            print("\(reference.name): mel \(melDifference), embedding \(embeddingDifference) of \(embeddingScale)")
        }
    }
}
