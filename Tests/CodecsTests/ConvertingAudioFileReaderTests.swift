import Foundation
import Testing

@testable import Codecs

/// Conversion of files to the engine's format: channel mapping, rate, length, level and frequency.
@Suite("Converting audio file reader")
struct ConvertingAudioFileReaderTests {
    /// Trims 10 ms at each end, where the filter rings from the sine's abrupt start and end.
    static func inner(_ samples: [Float], sampleRate: Int) -> ArraySlice<Float> {
        samples.dropFirst(sampleRate / 100).dropLast(sampleRate / 100)
    }

    @Test("stereo 44.1 kHz → mono 16 kHz: 8000 frames, the downmixed sine at 0.375 (±1 %), in phase")
    func stereo44k1ToMono16k() throws {
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav"))
        let converter = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 1)
        #expect(converter.expectedFrameCount == 8_000)

        let samples = try converter.readAll()
        // The leading latency is skipped and the tail drained, so the length is the duration at 16 kHz exactly;
        // at worst it could miss the resampler's latency, which the tolerance allows.
        let latency = try Resampler(inputSampleRate: 44_100, outputSampleRate: 16_000).latencyFrameCount
        #expect(abs(samples.count - 8_000) <= latency)
        #expect(samples.count == 8_000)

        let fit = SineFit(Self.inner(samples, sampleRate: 16_000), frequency: 440, sampleRate: 16_000)
        #expect(abs(fit.amplitude - 0.375) < 0.00375, "amplitude \(fit.amplitude)")
        #expect(fit.snr > 60, "SNR \(fit.snr) dB")

        // No phase is fitted here: the output is time-aligned with the input, so it matches the analytic sine
        // (sox's synthesis starts at phase 0). 40 dB is a 1 % error; a one-sample shift would give about 15 dB.
        let expected = makeSine(frequency: 440, amplitude: 0.375, sampleRate: 16_000, frameCount: 8_000)
        let aligned = snr(
            Self.inner(samples, sampleRate: 16_000), against: expected.dropFirst(160).dropLast(160))
        #expect(aligned > 40, "SNR against the analytic sine \(aligned) dB")
    }

    @Test(
        "22.05 kHz → 16 kHz and 16 kHz → 8 kHz keep a 440 Hz sine at 0.5 (±1 %)",
        arguments: [("sine440_22k05_pcm16.wav", 16_000), ("sine440_16k_pcm16.wav", 8_000)])
    func rates(file: String, targetRate: Int) throws {
        let source = try AudioFileReader(contentsOf: AudioFixtures.url(file))
        let converter = try ConvertingAudioFileReader(source, sampleRate: targetRate, channelCount: 1)
        let samples = try converter.readAll()
        #expect(samples.count == targetRate / 2)
        let fit = SineFit(Self.inner(samples, sampleRate: targetRate), frequency: 440, sampleRate: Double(targetRate))
        #expect(abs(fit.amplitude - 0.5) < 0.005, "amplitude \(fit.amplitude)")
        #expect(fit.snr > 60, "SNR \(fit.snr) dB")
    }

    @Test("the attendant convert pipeline: stream a stereo 44.1 kHz WAV into a mono 16 kHz PCM16 WAV")
    func convertPipeline() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("converted.wav")

        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_44k1_stereo_pcm16.wav"))
        let converter = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 1)
        let writer = try AudioFileWriter(url: output, format: .wav(encoding: .pcm16, sampleRate: 16_000))
        var block = [Float](repeating: 0, count: 1_600)
        while true {
            let count = try block.withUnsafeMutableBufferPointer { try converter.read(into: $0) }
            if count == 0 { break }
            try block.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        try writer.finish()

        let result = try AudioFileReader(contentsOf: output)
        #expect(result.fileDescription.format == .wav(encoding: .pcm16, sampleRate: 16_000, channelCount: 1))
        #expect(result.fileDescription.frameCount == 8_000)
        let fit = SineFit(Self.inner(try result.readAll(), sampleRate: 16_000), frequency: 440, sampleRate: 16_000)
        #expect(abs(fit.amplitude - 0.375) < 0.00375 && fit.snr > 60, "\(fit)")
        #expect(AudioFixtures.contents(of: folder) == ["converted.wav"])
    }

    @Test("the same rate and channel count passes samples through unchanged")
    func passThrough() throws {
        let direct = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAll()
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        let converted = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 1).readAll()
        #expect(converted == direct)
    }

    @Test("mono → stereo copies the channel")
    func monoToStereo() throws {
        let direct = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav")).readAll()
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        let converted = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 2).readAll()
        #expect(converted.count == direct.count * 2)
        #expect(converted == direct.flatMap { [$0, $0] })
    }

    @Test("reading in blocks of any size gives the same samples as one read", arguments: [1, 160, 333, 4_096])
    func streaming(blockFrameCount: Int) throws {
        let url = AudioFixtures.url("sine440_44k1_stereo_pcm16.wav")
        let whole = try ConvertingAudioFileReader(
            AudioFileReader(contentsOf: url), sampleRate: 16_000, channelCount: 1
        ).readAll()
        let converter = try ConvertingAudioFileReader(
            AudioFileReader(contentsOf: url), sampleRate: 16_000, channelCount: 1)
        var pieces: [Float] = []
        var block = [Float](repeating: 0, count: blockFrameCount)
        while true {
            let count = try block.withUnsafeMutableBufferPointer { try converter.read(into: $0) }
            if count == 0 { break }
            pieces += block[0..<count]
        }
        #expect(pieces == whole)
    }

    @Test("8 kHz speech from the shared corpus converts to 16 kHz at twice the frames, with its level kept")
    func corpusSpeech() throws {
        let folder = AudioFixtures.corpora.appendingPathComponent("asr_fsdd/recordings")
        let url = folder.appendingPathComponent("0_george_0.wav")
        try #require(FileManager.default.fileExists(atPath: url.path), "shared corpus missing at \(url.path)")
        let source = try AudioFileReader(contentsOf: url)
        #expect(source.fileDescription.sampleRate == 8_000)
        let original = try AudioFileReader(contentsOf: url).readAll()
        let converted = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 1).readAll()
        #expect(converted.count == original.count * 2)
        func rms(_ samples: [Float]) -> Double {
            (samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        }
        // Energy is kept within 0.5 dB: upsampling adds nothing above 4 kHz and loses only the band edge.
        let ratio = 20 * log10(rms(converted) / rms(original))
        #expect(abs(ratio) < 0.5, "level change \(ratio) dB")
    }

    @Test("refuses impossible target rates and channel counts", arguments: [(0, 1), (-16_000, 1), (10_000_000, 1)])
    func impossibleRate(rate: Int, channelCount: Int) throws {
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        #expect(throws: AudioFileError.invalidSampleRate(rate, path: source.path)) {
            _ = try ConvertingAudioFileReader(source, sampleRate: rate, channelCount: channelCount)
        }
    }

    @Test("refuses impossible target channel counts", arguments: [0, -2, 9])
    func impossibleChannels(channelCount: Int) throws {
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        #expect(throws: AudioFileError.invalidChannelCount(channelCount, path: source.path)) {
            _ = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: channelCount)
        }
    }

    @Test("refuses a rate pair the resampler lacks, naming the rates it converts")
    func unsupportedRate() throws {
        let source = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.wav"))
        let error = AudioFileError.unsupportedConversion(
            path: source.path, fromSampleRate: 16_000, toSampleRate: 11_025)
        #expect(throws: error) {
            _ = try ConvertingAudioFileReader(source, sampleRate: 11_025, channelCount: 1)
        }
        #expect(error.description.contains("8000, 16000, 22050, 24000, 32000, 44100, 48000 Hz"))
    }

    @Test("refuses to map 3 channels to 2")
    func unsupportedChannels() throws {
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("three.wav")
        try AudioFileWriter.write(
            [Float](repeating: 0, count: 300), to: url, format: .wav(sampleRate: 16_000, channelCount: 3))
        let source = try AudioFileReader(contentsOf: url)
        #expect(
            throws: AudioFileError.unsupportedChannelConversion(path: url.path, fromChannelCount: 3, toChannelCount: 2)
        ) {
            _ = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 2)
        }
        // Three channels down to mono is a plain average.
        let mono = try ConvertingAudioFileReader(source, sampleRate: 16_000, channelCount: 1).readAll()
        #expect(mono.count == 100)
    }
}
