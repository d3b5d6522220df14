import Foundation
import Testing

@testable import Codecs

/// Reading every accepted format: the description from the header, and the samples against the reference sine.
@Suite("Audio file reader")
struct AudioFileReaderTests {
    /// One fixture of the 0.5 s, 440 Hz, amplitude 0.5 sine, with what its header says and how exact its
    /// samples are: the SNR floor sits about 10 dB under what each encoding measures (≈ 71 dB for PCM, where
    /// sox's own synthesis is the limit, ≈ 38 dB for G.711's 8-bit companding).
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var container: AudioFileContainer
        var encoding: AudioSampleEncoding
        var minimumSNR: Double
        var testDescription: String { self.file }
    }

    static let sineCases = [
        Case(file: "sine440_16k_pcm16.wav", container: .wav, encoding: .pcm16, minimumSNR: 60),
        Case(file: "sine440_16k_pcm24.wav", container: .wav, encoding: .pcm24, minimumSNR: 60),
        Case(file: "sine440_16k_pcm32.wav", container: .wav, encoding: .pcm32, minimumSNR: 60),
        Case(file: "sine440_16k_float32.wav", container: .wav, encoding: .float32, minimumSNR: 60),
        Case(file: "sine440_16k_ulaw.wav", container: .wav, encoding: .muLaw, minimumSNR: 30),
        Case(file: "sine440_16k_alaw.wav", container: .wav, encoding: .aLaw, minimumSNR: 30),
        Case(file: "sine440_16k_pcm16.flac", container: .flac, encoding: .pcm16, minimumSNR: 60),
    ]

    @Test("reads the header and a 440 Hz sine at amplitude 0.5 (±1 %)", arguments: sineCases)
    func readsSine(_ testCase: Case) throws {
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url(testCase.file))
        let description = reader.fileDescription
        #expect(description.container == testCase.container)
        #expect(description.encoding == testCase.encoding)
        #expect(description.sampleRate == 16_000)
        #expect(description.channelCount == 1)
        #expect(description.frameCount == 8_000)
        #expect(description.duration == .milliseconds(500))
        #expect(!description.isTruncated)

        let samples = try reader.readAll()
        #expect(samples.count == 8_000)
        let fit = SineFit(samples, frequency: AudioFixtures.sineFrequency, sampleRate: 16_000)
        #expect(abs(fit.amplitude - AudioFixtures.sineAmplitude) < 0.005)
        #expect(fit.snr > testCase.minimumSNR, "SNR \(fit.snr) dB")
    }

    @Test(
        "µ-law and A-law match the PCM16 file within G.711's quantization step",
        arguments: [
            "sine440_16k_ulaw.wav", "sine440_16k_alaw.wav",
        ])
    func companded(file: String) throws {
        let reference = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAll()
        let companded = try AudioFileReader(contentsOf: AudioFixtures.url(file)).readAll()
        #expect(companded.count == reference.count)
        // G.711 quantizes in segments of 16 steps; a segment starting at level L steps by L/16, so a sample x
        // is at most half a step, about |x|/32, from its PCM16 value (|x|/30 leaves room for µ-law's bias), plus
        // the smallest step near zero.
        let worst = zip(companded, reference).map { abs($0 - $1) - abs($1) / 30 }.max() ?? 1
        #expect(worst <= 1.0 / 2_048, "largest error beyond |x|/30: \(worst)")
    }

    @Test(
        "reads PCM24, PCM32, float and FLAC to the same samples as PCM16, within 16-bit rounding",
        arguments: [
            "sine440_16k_pcm24.wav", "sine440_16k_pcm32.wav", "sine440_16k_float32.wav", "sine440_16k_pcm16.flac",
        ])
    func matchesPCM16(file: String) throws {
        let reference = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAll()
        let other = try AudioFileReader(contentsOf: AudioFixtures.url(file)).readAll()
        let worst = zip(other, reference).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 0.5 / 32_768 + 1e-7, "largest difference \(worst)")
    }

    @Test("reads headerless PCM when told its layout, equal to the WAV's samples")
    func readsRaw() throws {
        let format = AudioFileFormat.raw(encoding: .pcm16, sampleRate: 16_000, channelCount: 1)
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16le.raw"), rawFormat: format)
        #expect(reader.fileDescription.format == format)
        #expect(reader.fileDescription.frameCount == 8_000)
        let raw = try reader.readAllInt16()
        let wav = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAllInt16()
        #expect(raw == wav)
    }

    @Test("describes a stereo 44.1 kHz file and keeps its two channels apart")
    func readsStereo() throws {
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav"))
        #expect(reader.fileDescription.format == .wav(encoding: .pcm16, sampleRate: 44_100, channelCount: 2))
        #expect(reader.fileDescription.frameCount == 22_050)
        let samples = try reader.readAll()
        let left = stride(from: 0, to: samples.count, by: 2).map { samples[$0] }
        let right = stride(from: 1, to: samples.count, by: 2).map { samples[$0] }
        #expect(abs(SineFit(left, frequency: 440, sampleRate: 44_100).amplitude - 0.5) < 0.005)
        #expect(abs(SineFit(right, frequency: 440, sampleRate: 44_100).amplitude - 0.25) < 0.005)
    }

    @Test("describes a 22.05 kHz file")
    func reads22050() throws {
        let description = try AudioFileReader.describe(AudioFixtures.url("sine440_22k05_pcm16.wav"))
        #expect(description.sampleRate == 22_050)
        #expect(description.frameCount == 11_025)
        #expect(description.description == "WAV, 16-bit PCM, 22050 Hz, 1 channel, 11025 frames (0.500 s)")
    }

    @Test("reads in chunks of any size to the same samples as one whole read", arguments: [1, 7, 160, 1_000, 9_000])
    func chunked(chunkFrameCount: Int) throws {
        let whole = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav")).readAll()
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav"))
        var pieces: [Float] = []
        while true {
            let chunk = try reader.readFrames(maximumFrameCount: chunkFrameCount)
            if chunk.isEmpty { break }
            #expect(chunk.count <= chunkFrameCount * 2)
            pieces += chunk
        }
        #expect(pieces == whole)
        #expect(reader.framePosition == 22_050)
    }

    @Test("reads Int16 as the exact integers of a PCM16 file, and rewinds")
    func int16() throws {
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        let floats = try reader.readAll()
        try reader.rewind()
        #expect(reader.framePosition == 0)
        let integers = try reader.readAllInt16()
        #expect(integers.count == floats.count)
        #expect(zip(integers, floats).allSatisfy { Float($0) / 32_768 == $1 })
    }

    @Test("reads a truncated WAV up to the cut and flags it")
    func truncatedData() throws {
        let reader = try AudioFileReader(contentsOf: AudioFixtures.url("bad_truncated_data.wav"))
        #expect(reader.fileDescription.isTruncated)
        #expect(reader.fileDescription.frameCount == 2_000)
        #expect(reader.fileDescription.description.contains("truncated"))
        let samples = try reader.readAll()
        let reference = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAll()
        #expect(samples == Array(reference.prefix(2_000)))
    }

    @Test("reads real 16 kHz speech from the shared corpus")
    func corpusSpeech() throws {
        let url = AudioFixtures.corpora.appendingPathComponent("asr_cmu_arctic/cmu_arctic_us_aew_a0001.wav")
        try #require(FileManager.default.fileExists(atPath: url.path), "shared corpus missing at \(url.path)")
        let reader = try AudioFileReader(contentsOf: url)
        #expect(reader.fileDescription.sampleRate == 16_000)
        #expect(reader.fileDescription.channelCount == 1)
        let samples = try reader.readAll()
        #expect(samples.count == reader.fileDescription.frameCount)
        let rms = (samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        #expect(rms > 0.01 && rms < 0.5, "speech RMS \(rms)")
    }

    @Test(
        "reads the shared corpus's 8 kHz µ-law and A-law tracks to match its 8 kHz PCM track",
        arguments: [
            "ulaw", "alaw",
        ])
    func corpusCompanded(law: String) throws {
        let folder = AudioFixtures.corpora.appendingPathComponent("vad_concat")
        let pcmURL = folder.appendingPathComponent("concat1_clean_8k.wav")
        try #require(FileManager.default.fileExists(atPath: pcmURL.path), "shared corpus missing at \(pcmURL.path)")
        let companded = try AudioFileReader(contentsOf: folder.appendingPathComponent("concat1_clean_8k_\(law).wav"))
        #expect(companded.fileDescription.encoding == (law == "ulaw" ? .muLaw : .aLaw))
        let pcm = try AudioFileReader(contentsOf: pcmURL).readAll()
        let decoded = try companded.readAll()
        #expect(decoded.count == pcm.count)
        // Companding noise follows the signal's level; ≈ 38 dB for speech, refused below 30.
        let value = snr(decoded, against: pcm.map(Double.init))
        #expect(value > 30, "SNR \(value) dB")
    }
}
