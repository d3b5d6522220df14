import Foundation
import Testing

@testable import Codecs

/// Round trips through the writer, and its all-or-nothing behaviour.
@Suite("Audio file writer")
struct AudioFileWriterTests {
    /// Deterministic test signal: a 440 Hz sine plus a slower one, both inside ±0.9, with the full-scale edges
    /// (−1 and just under +1) included so clipping and rounding at the ends are exercised.
    static func testSignal(frameCount: Int, channelCount: Int) -> [Float] {
        var samples: [Float] = []
        for frame in 0..<frameCount {
            for channel in 0..<channelCount {
                let t = Double(frame) / 16_000
                let value = 0.6 * sin(2 * Double.pi * 440 * t) + 0.3 * sin(2 * Double.pi * 97 * t + Double(channel))
                samples.append(Float(value))
            }
        }
        samples[0] = -1
        samples[1] = 32_767.0 / 32_768
        return samples
    }

    @Test("PCM16 WAV: Int16 samples written come back identical")
    func pcm16Int16RoundTrip() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")
        let integers: [Int16] = (0..<4_000).map { Int16(truncatingIfNeeded: $0 &* 977) } + [.min, .max, 0]

        let writer = try AudioFileWriter(url: url, format: .wav(sampleRate: 8_000))
        try writer.write(integers)
        try writer.finish()

        let reader = try AudioFileReader(contentsOf: url)
        #expect(reader.fileDescription.format == .wav(encoding: .pcm16, sampleRate: 8_000, channelCount: 1))
        #expect(try reader.readAllInt16() == integers)
    }

    @Test("PCM16 WAV: floats read from a PCM16 file and written back give the same file's samples")
    func pcm16FloatRoundTrip() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav"))
        let samples = try original.readAll()
        let url = folder.appendingPathComponent("copy.wav")

        try AudioFileWriter.write(samples, to: url, format: original.fileDescription.format)

        let copy = try AudioFileReader(contentsOf: url)
        #expect(copy.fileDescription.format == original.fileDescription.format)
        #expect(try copy.readAll() == samples)
    }

    /// A format to write and the largest error allowed on reading it back: half an integer step, or float
    /// rounding.
    struct RoundTripCase: CustomTestStringConvertible, Sendable {
        var container: AudioFileContainer
        var encoding: AudioSampleEncoding
        var tolerance: Double
        var testDescription: String { "\(self.container) \(self.encoding)" }
    }

    static let roundTripCases: [RoundTripCase] = [
        RoundTripCase(container: .wav, encoding: .float32, tolerance: 1e-7),
        RoundTripCase(container: .wav, encoding: .pcm16, tolerance: 0.5 / 32_768 + 1e-7),
        RoundTripCase(container: .wav, encoding: .pcm24, tolerance: 0.5 / 8_388_608 + 1e-7),
        RoundTripCase(container: .wav, encoding: .pcm32, tolerance: 1e-7),
        RoundTripCase(container: .raw, encoding: .pcm16, tolerance: 0.5 / 32_768 + 1e-7),
        RoundTripCase(container: .raw, encoding: .float32, tolerance: 1e-7),
    ]

    @Test("each written encoding reads back within its quantization error", arguments: roundTripCases)
    func roundTrip(_ testCase: RoundTripCase) throws {
        let (container, encoding, tolerance) = (testCase.container, testCase.encoding, testCase.tolerance)
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.\(container.rawValue)")
        let format = AudioFileFormat(container: container, encoding: encoding, sampleRate: 16_000, channelCount: 2)
        let samples = Self.testSignal(frameCount: 3_000, channelCount: 2)

        try AudioFileWriter.write(samples, to: url, format: format)

        let reader =
            container == .raw
            ? try AudioFileReader(contentsOf: url, rawFormat: format) : try AudioFileReader(contentsOf: url)
        #expect(reader.fileDescription.format == format)
        let back = try reader.readAll()
        #expect(back.count == samples.count)
        let worst = zip(back, samples).map { Double(abs($0 - $1)) }.max() ?? 1
        #expect(worst <= tolerance, "largest error \(worst)")
    }

    @Test("µ-law and A-law WAV read back within G.711's half step", arguments: [AudioSampleEncoding.muLaw, .aLaw])
    func companded(encoding: AudioSampleEncoding) throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")
        let samples = Self.testSignal(frameCount: 3_000, channelCount: 1)

        try AudioFileWriter.write(samples, to: url, format: .wav(encoding: encoding, sampleRate: 8_000))

        let reader = try AudioFileReader(contentsOf: url)
        #expect(reader.fileDescription.encoding == encoding)
        let back = try reader.readAll()
        let worst = zip(back, samples).map { abs($0 - $1) - abs($1) / 30 }.max() ?? 1
        #expect(worst <= 1.0 / 2_048, "largest error beyond |x|/30: \(worst)")
    }

    @Test("clips out-of-range floats and writes NaN as silence instead of trapping")
    func clipping() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")
        try AudioFileWriter.write([2, -2, .nan, .infinity, -.infinity], to: url, format: .wav(sampleRate: 16_000))
        #expect(try AudioFileReader(contentsOf: url).readAllInt16() == [.max, .min, 0, .max, .min])
    }

    @Test("nothing appears under the destination's name before finish(), and no temporary file is left after")
    func atomicFinish() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")

        let writer = try AudioFileWriter(url: url, format: .wav(sampleRate: 16_000))
        try writer.write([Float](repeating: 0.25, count: 1_600))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(AudioFixtures.contents(of: folder).count == 1)  // the hidden temporary file

        try writer.finish()
        #expect(AudioFixtures.contents(of: folder) == ["out.wav"])
        #expect(try AudioFileReader.describe(url).frameCount == 1_600)
    }

    @Test("writing into a folder that does not exist is directoryNotFound and leaves nothing")
    func missingFolder() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("no/such/folder/out.wav")

        #expect(throws: AudioFileError.directoryNotFound(path: url.path)) {
            try AudioFileWriter.write([0, 0], to: url, format: .wav(sampleRate: 16_000))
        }
        #expect(AudioFixtures.contents(of: folder).isEmpty)
    }

    @Test("an error part-way through removes the temporary file and keeps the old destination intact")
    func interruptedWrite() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")
        try AudioFileWriter.write([0.5, 0.5], to: url, format: .wav(sampleRate: 16_000))
        let before = try Data(contentsOf: url)

        let writer = try AudioFileWriter(url: url, format: .wav(sampleRate: 16_000, channelCount: 2))
        try writer.write([Float](repeating: 0.1, count: 3_200))
        #expect(throws: AudioFileError.partialFrame(path: url.path, sampleCount: 3, channelCount: 2)) {
            try writer.write([0.1, 0.2, 0.3])
        }
        writer.cancel()
        #expect(throws: AudioFileError.writerClosed(path: url.path)) { try writer.finish() }

        #expect(AudioFixtures.contents(of: folder) == ["out.wav"])
        #expect(try Data(contentsOf: url) == before)
    }

    @Test("a writer released without finish() removes its temporary file")
    func releasedUnfinished() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")

        func abandon() throws {
            let writer = try AudioFileWriter(url: url, format: .wav(sampleRate: 16_000))
            try writer.write([Float](repeating: 0.1, count: 160))
        }
        try abandon()
        #expect(AudioFixtures.contents(of: folder).isEmpty)
    }

    static let impossibleFormats: [AudioFileFormat] = [
        .wav(sampleRate: 0), .wav(sampleRate: -8_000), .wav(sampleRate: 5_000_000),
        .wav(sampleRate: 16_000, channelCount: 0), .wav(sampleRate: 16_000, channelCount: 9),
    ]

    @Test("refuses impossible rates and channel counts before creating anything", arguments: impossibleFormats)
    func refusesFormat(format: AudioFileFormat) throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.wav")
        let expected: AudioFileError =
            AudioFileFormat.acceptedSampleRates.contains(format.sampleRate)
            ? .invalidChannelCount(format.channelCount, path: url.path)
            : .invalidSampleRate(format.sampleRate, path: url.path)
        #expect(throws: expected) { _ = try AudioFileWriter(url: url, format: format) }
        #expect(AudioFixtures.contents(of: folder).isEmpty)
    }

    @Test("refuses to write FLAC, naming what it writes")
    func refusesFLAC() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.flac")
        let format = AudioFileFormat(container: .flac, encoding: .pcm16, sampleRate: 16_000, channelCount: 1)
        #expect(throws: AudioFileError.unsupportedContainer(path: url.path, name: "FLAC (writing)")) {
            _ = try AudioFileWriter(url: url, format: format)
        }
        #expect(AudioFixtures.contents(of: folder).isEmpty)
    }
}
