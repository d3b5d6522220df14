import AttendantTestSupport
import Foundation
import Testing

@testable import Spotting

/// Loading the weight file: the real file loads, and every way a file can be wrong is a typed error naming the file,
/// never a crash.
@Suite("Speech-embedding weights")
struct SpeechEmbeddingWeightsTests {
    static func realBytes() throws -> Data {
        do {
            return try Data(contentsOf: SpottingFixtures.weightsURL)
        } catch {
            throw SpeechEmbeddingWeightsError.fileNotFound(path: SpottingFixtures.weightsURL.path)
        }
    }

    static func parse(_ data: Data) -> SpeechEmbeddingWeightsError? {
        do {
            _ = try SpeechEmbeddingWeights(data: data, path: "test.bin")
            return nil
        } catch {
            return error
        }
    }

    @Test("The fetched file loads with every tensor the network needs")
    func loadsRealFile() throws {
        let weights = try SpottingFixtures.weights()
        #expect(weights.tensors.count == SpeechEmbeddingArchitecture.tensorShapes.count)
        #expect(weights.values("activation.floor") == [-0.4])
        #expect(weights.tensors["conv19.weight"]?.dimensions == [96, 96, 3, 1])
    }

    @Test("A missing file says to run tools/fetch-speech-embedding")
    func missingFile() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-spotting")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("speech-embedding.bin")
        #expect(throws: SpeechEmbeddingWeightsError.fileNotFound(path: url.path)) {
            try SpeechEmbeddingWeights(contentsOf: url)
        }
        #expect(
            SpeechEmbeddingWeightsError.fileNotFound(path: url.path).description.contains(
                "tools/fetch-speech-embedding"))

        // ATTENDANT_MODEL_DIR naming a folder without the file is the same error, not a search elsewhere.
        #expect(throws: SpeechEmbeddingWeightsError.fileNotFound(path: url.path)) {
            try SpeechEmbeddingWeights.locate(environment: ["ATTENDANT_MODEL_DIR": folder.path])
        }
    }

    @Test("ATTENDANT_MODEL_DIR is used when set, and the search finds models/ above the current folder")
    func locate() throws {
        let modelDirectory = SpottingFixtures.weightsURL.deletingLastPathComponent()
        let located = try SpeechEmbeddingWeights.locate(environment: ["ATTENDANT_MODEL_DIR": modelDirectory.path])
        #expect(located.standardizedFileURL.path == SpottingFixtures.weightsURL.standardizedFileURL.path)
        // The test binary lives under .build/, inside the package, so the upward search reaches models/.
        let searched = try SpeechEmbeddingWeights.locate(environment: [:])
        #expect(searched.lastPathComponent == SpeechEmbeddingWeights.fileName)
    }

    @Test("Wrong magic, a wrong version, and text are refused")
    func wrongMagic() throws {
        var data = try Self.realBytes()
        data[0] = UInt8(ascii: "X")
        #expect(Self.parse(data) == .wrongMagic(path: "test.bin"))
        #expect(Self.parse(Data("hello, not weights".utf8)) == .wrongMagic(path: "test.bin"))
        #expect(Self.parse(Data()) == .wrongMagic(path: "test.bin"))

        var versioned = try Self.realBytes()
        versioned[4] = 2
        #expect(Self.parse(versioned) == .unsupportedVersion(path: "test.bin", version: 2))
    }

    @Test(
        "A file cut short anywhere is a truncation error naming what was cut",
        arguments: [6, 11, 13, 40, 1000, 700_001])
    func truncated(length: Int) throws {
        let data = try Self.realBytes().prefix(length)
        guard case .truncated(let path, let offset, let what) = Self.parse(Data(data)) else {
            Issue.record("a file cut at \(length) bytes was not reported as truncated")
            return
        }
        #expect(path == "test.bin" && offset == length)
        #expect(!what.isEmpty)
    }

    @Test("The last byte missing, or one extra, is an error")
    func lastByte() throws {
        let data = try Self.realBytes()
        let short = Self.parse(data.dropLast())
        #expect(short?.description.contains("activation.floor") == true, "\(String(describing: short))")
        #expect(Self.parse(data + [0]) == .trailingBytes(path: "test.bin", byteCount: 1))
    }

    /// A file in the format holding the given tensors.
    static func file(_ tensors: [(String, [Int], [Float])]) -> Data {
        var bytes = Array("ATSE".utf8)
        func word(_ value: Int) { bytes += withUnsafeBytes(of: UInt32(value).littleEndian, Array.init) }
        word(1)
        word(tensors.count)
        for (name, dimensions, values) in tensors {
            bytes += withUnsafeBytes(of: UInt16(name.utf8.count).littleEndian, Array.init)
            bytes += Array(name.utf8)
            bytes.append(UInt8(dimensions.count))
            dimensions.forEach(word)
            // The test machines are little-endian, as the file is.
            values.withUnsafeBytes { bytes += $0 }
        }
        return Data(bytes)
    }

    /// Every tensor the network needs, all zeros.
    static func zeroTensors() -> [(String, [Int], [Float])] {
        SpeechEmbeddingArchitecture.tensorShapes.map {
            ($0.name, $0.dimensions, [Float](repeating: 0, count: $0.dimensions.reduce(1, *)))
        }
    }

    @Test("A missing tensor, a wrong shape, a duplicate and a NaN are each named")
    func tensorErrors() {
        var tensors = Self.zeroTensors()
        #expect(Self.parse(Self.file(tensors)) == nil)

        let removed = tensors.remove(at: 5)
        #expect(Self.parse(Self.file(tensors)) == .missingTensor(path: "test.bin", name: removed.0))

        tensors = Self.zeroTensors()
        tensors[2] = ("conv0.weight", [24, 1, 3, 2], [Float](repeating: 0, count: 144))
        #expect(
            Self.parse(Self.file(tensors))
                == .wrongShape(path: "test.bin", name: "conv0.weight", expected: [24, 1, 3, 3], actual: [24, 1, 3, 2]))

        tensors = Self.zeroTensors()
        tensors.append(tensors[0])
        #expect(Self.parse(Self.file(tensors)) == .duplicateTensor(path: "test.bin", name: "mel.window"))

        tensors = Self.zeroTensors()
        tensors[0].2[7] = .nan
        #expect(Self.parse(Self.file(tensors)) == .nonFiniteValue(path: "test.bin", name: "mel.window", index: 7))

        // Dimensions whose product overflows are refused before anything is allocated.
        tensors = [("huge", [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], [])]
        guard case .malformedTensor = Self.parse(Self.file(tensors)) else {
            Issue.record("an overflowing tensor size was not refused")
            return
        }
    }
}
