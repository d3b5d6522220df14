import Foundation
import Testing

@testable import Spotting

/// Attendant's mel front end and network against onnxruntime running openwakeword's graphs the same streaming way
/// (`tools/speech-embedding-reference`) over three flite utterances.
///
/// Tolerances, with what was measured on the three fixtures: mel frames within 2e-4 in openwakeword's units
/// (dB / 10 + 2, so 0.002 dB; measured at most 4.5e-5), embeddings within 5e-4 absolute (measured at most 9.5e-5,
/// on values up to 73 in magnitude, a relative error near 1e-6). onnxruntime computes the STFT as a convolution
/// and its convolutions with other summation orders, so bit equality is not expected.
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
            try #require(mel.count == expectedMel.count, "\(reference.name): \(mel.count) mel values")
            try #require(embeddings.count == expectedEmbeddings.count, "\(reference.name): \(embeddings.count) values")
            let melDifference = largestDifference(mel, expectedMel)
            let embeddingDifference = largestDifference(embeddings, expectedEmbeddings)
            let embeddingScale = expectedEmbeddings.reduce(0) { max($0, abs($1)) }
            #expect(melDifference <= 2e-4, "\(reference.name): mel frames differ by \(melDifference)")
            #expect(embeddingDifference <= 5e-4, "\(reference.name): embeddings differ by \(embeddingDifference)")
            #expect(embeddingScale > 10, "\(reference.name): embeddings of a real utterance are not near zero")
            #expect(reference.windowCount == reference.chunkCount - StreamingEmbedding.warmUpPushCount + 1)
        }
    }
}
