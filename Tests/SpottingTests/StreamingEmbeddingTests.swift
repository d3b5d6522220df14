import Foundation
import Testing

@testable import Spotting

/// Streaming computes each layer's rows once and keeps them; it must give what the whole network gives for every
/// window, and the embedder's output must not depend on how the audio is cut into blocks.
@Suite("Streaming speech embedding")
struct StreamingEmbeddingTests {
    /// Streaming against the whole network, window by window, over random mel frames in openwakeword's range:
    /// within 1e-6 relative to the window's largest value. Both run the same kernels over the same rows, summing
    /// each output in the same order, and were measured identical; the bound leaves room for a compiler that
    /// reassociates one of them, and none for a row computed from the wrong history.
    @Test("Every streamed window equals the whole network over the last 76 frames")
    func streamingMatchesWholeWindow() throws {
        let network = try SpottingFixtures.network()
        let streaming = StreamingEmbedding(network: network)
        let whole = WindowEmbedding(network: network)
        var generator = SeededGenerator(seed: 7)
        let pushCount = 16
        let frames = (0..<pushCount * 8 * 32).map { _ in Float.random(in: -6...8, using: &generator) }
        var streamed = [Float](repeating: 0, count: 96)
        var expected = [Float](repeating: 0, count: 96)
        var windowCount = 0
        for push in 0..<pushCount {
            let pushed = Array(frames[(push * 256)..<((push + 1) * 256)])
            let hasEmbedding = pushed.withUnsafeBufferPointer { input in
                streamed.withUnsafeMutableBufferPointer { streaming.push(input, into: $0) }
            }
            #expect(hasEmbedding == (push + 1 >= StreamingEmbedding.warmUpPushCount))
            guard hasEmbedding else { continue }
            let end = (push + 1) * 256
            let window = Array(frames[(end - 76 * 32)..<end])
            window.withUnsafeBufferPointer { input in
                expected.withUnsafeMutableBufferPointer { whole.embed(input, into: $0) }
            }
            let scale = expected.reduce(0) { max($0, abs($1)) }
            #expect(scale > 1)
            #expect(largestDifference(streamed, expected) <= 1e-6 * scale, "push \(push)")
            windowCount += 1
        }
        #expect(windowCount == pushCount - StreamingEmbedding.warmUpPushCount + 1)
    }

    static func chunks(_ embedder: SpeechEmbedder, _ samples: [Int16], blockSize: Int) -> [[Float]] {
        var chunks: [[Float]] = []
        samples.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let block = UnsafeBufferPointer(rebasing: buffer[start..<min(start + blockSize, buffer.count)])
                embedder.process(block) { chunk in
                    #expect(chunk.index == chunks.count)
                    chunks.append(Array(chunk.melFrames) + (chunk.embedding.map(Array.init) ?? []))
                }
                start += blockSize
            }
        }
        return chunks
    }

    @Test("Blocks of any size, Int16 or Float, and a reset stream give the same chunks bit for bit")
    func blockSizes() throws {
        let reference = try SpottingFixtures.references()[0]
        let samples = try SpottingFixtures.samples(reference.audio)
        let embedder = SpeechEmbedder(
            network: try SpottingFixtures.network(), melFrontEnd: MelFrontEnd(weights: try SpottingFixtures.weights()))
        let expected = Self.chunks(embedder, samples, blockSize: 160)
        #expect(expected.count == samples.count / 1280)
        #expect(expected.filter { $0.count > 256 }.count == reference.windowCount)
        for blockSize in [1, 7, 1280, 4000, samples.count] {
            embedder.reset()
            #expect(embedder.chunkCount == 0)
            #expect(Self.chunks(embedder, samples, blockSize: blockSize) == expected, "blocks of \(blockSize)")
        }

        embedder.reset()
        let floats = samples.map { Float($0) / 32768 }
        var fromFloats: [[Float]] = []
        floats.withUnsafeBufferPointer { buffer in
            embedder.process(buffer) { chunk in
                fromFloats.append(Array(chunk.melFrames) + (chunk.embedding.map(Array.init) ?? []))
            }
        }
        #expect(fromFloats == expected)
    }
}
