import AttendantTestSupport
import AudioCore
import Codecs
import Foundation

@testable import Spotting

/// The weight file, the committed fixtures of `tools/speech-embedding-reference`, and seeded random input.
enum SpottingFixtures {
    /// `models/speech-embedding.bin` under the package root, written by `tools/fetch-speech-embedding`.
    static let weightsURL = TestPaths.packageRoot.appendingPathComponent("models/speech-embedding.bin")

    /// The weights, read once. A missing file fails the test with an error that says to run
    /// `tools/fetch-speech-embedding`: these tests never skip.
    static let loaded = Result { () throws(SpeechEmbeddingWeightsError) in
        try SpeechEmbeddingWeights(contentsOf: weightsURL)
    }

    static func weights() throws -> SpeechEmbeddingWeights { try loaded.get() }

    /// One network for every test that only reads it.
    static let sharedNetwork = loaded.map { SpeechEmbeddingNetwork(weights: $0) }

    static func network() throws -> SpeechEmbeddingNetwork { try sharedNetwork.get() }

    /// One fixture of `fixtures/spotter/reference/reference.json`.
    struct Reference: Decodable {
        var audio: String
        var sampleCount: Int
        var chunkCount: Int
        var windowCount: Int
        var mel: String
        var embedding: String

        enum CodingKeys: String, CodingKey {
            case audio, mel, embedding
            case sampleCount = "sample_count"
            case chunkCount = "chunk_count"
            case windowCount = "window_count"
        }

        var name: String { URL(fileURLWithPath: self.audio).deletingPathExtension().lastPathComponent }
    }

    private struct Manifest: Decodable {
        var onnxruntime: String
        var fixtures: [Reference]
    }

    static func references() throws -> [Reference] {
        let data = try Data(contentsOf: TestPaths.fixture("spotter/reference/reference.json"))
        return try JSONDecoder().decode(Manifest.self, from: data).fixtures
    }

    /// A little-endian float32 file under the package root.
    static func floats(_ relativePath: String) throws -> [Float] {
        let data = try Data(contentsOf: TestPaths.packageRoot.appendingPathComponent(relativePath))
        return data.withUnsafeBytes { bytes in
            (0..<data.count / 4).map {
                Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }

    /// A 16 kHz PCM16 WAV under the package root.
    static func samples(_ relativePath: String) throws -> [Int16] {
        try AudioFileReader(contentsOf: TestPaths.packageRoot.appendingPathComponent(relativePath)).readAllInt16()
    }
}

/// The seeded SplitMix64 generator every test uses for its random input.
typealias SeededGenerator = SeededRandomNumberGenerator

/// The largest absolute difference between two equal-length arrays.
func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "\(a.count) values against \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// A layer's weights made absolute, with no bias and no activation: convolving |input| with them gives, for each
/// output, the sum of the absolute values of its terms, the scale a float32 rounding bound is relative to.
final class AbsoluteWeights {
    let weights: ConvolutionWeights
    private let storage: UnsafeMutablePointer<Float>

    init(_ source: ConvolutionWeights) {
        var layer = source.layer
        layer.isActivated = false
        let count = layer.outputChannelCount * layer.inputChannelCount * layer.tapCount
        self.storage = .allocate(capacity: count + layer.outputChannelCount)
        for index in 0..<count { self.storage[index] = abs(source.original[index]) }
        (self.storage + count).initialize(repeating: 0, count: layer.outputChannelCount)
        self.weights = ConvolutionWeights(
            layer: layer, original: self.storage, packed: self.storage, bias: self.storage + count, floor: 0)
    }

    deinit {
        self.storage.deallocate()
    }
}

extension SpeechEmbeddingNetwork {
    func absoluteCopy(of layerIndex: Int) -> AbsoluteWeights {
        AbsoluteWeights(self.layers[layerIndex])
    }
}
