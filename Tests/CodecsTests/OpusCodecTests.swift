import AttendantTestSupport
import Foundation
import Testing

@testable import Codecs

/// Opus round trips on real speech, loss handling, and every refusal.
@Suite("Opus encoder and decoder")
struct OpusCodecTests {
    static let arcticFiles = [
        "cmu_arctic_us_aew_a0001.wav", "cmu_arctic_us_aew_a0002.wav", "cmu_arctic_us_aew_a0003.wav",
        "cmu_arctic_us_axb_a0004.wav", "cmu_arctic_us_axb_a0005.wav", "cmu_arctic_us_axb_a0006.wav",
    ]
    static let digitFiles = ["0_george_0.wav", "0_george_1.wav", "9_yweweler_4.wav"]

    static func arctic(_ name: String) throws -> TestWAVFile {
        try TestWAVFile(contentsOf: TestPaths.corpora.appendingPathComponent("asr_cmu_arctic/\(name)"))
    }

    static func digits(_ name: String) throws -> TestWAVFile {
        try TestWAVFile(contentsOf: TestPaths.corpora.appendingPathComponent("asr_fsdd/recordings/\(name)"))
    }

    /// Waveform SNR after an Opus round trip, with the decoder output shifted back by the encoder's lookahead.
    ///
    /// Opus is a perceptual codec, so waveform SNR is modest. Measured with libopus 1.3.1 (VoIP mode, 20 ms):
    /// CMU ARCTIC at 16 kHz, 24 kbit/s gives 7.0 ... 10.9 dB across the six files and complexities 0, 3 and 10;
    /// the free-spoken digits at 8 kHz, 16 kbit/s give about 11 dB. A cross-correlation search over 0 ... 400 frames
    /// peaks exactly at the lookahead (104 frames at 16 kHz, 52 at 8 kHz), so that is the right alignment.
    ///
    /// The threshold, 4 dB, sits 3 dB under the worst measured file. Silence or a broken decoder gives 0 dB or less,
    /// and output misaligned by one 20 ms block gives -2.3 ... -4.3 dB; both fail it by a wide margin (the test
    /// checks the misaligned case on every file).
    static let thresholdDecibels = 4.0

    @Test("16 kHz speech survives a round trip at 24 kbit/s", arguments: arcticFiles, [0, 3, 10])
    func roundTripWideband(file: String, complexity: Int) throws {
        let wav = try Self.arctic(file)
        try #require(wav.sampleRate == 16000 && wav.channelCount == 1)
        try Self.checkRoundTrip(wav, bitrate: 24000, complexity: complexity)
    }

    @Test("8 kHz speech survives a round trip at 16 kbit/s", arguments: digitFiles)
    func roundTripNarrowband(file: String) throws {
        let wav = try Self.digits(file)
        try #require(wav.sampleRate == 8000 && wav.channelCount == 1)
        try Self.checkRoundTrip(wav, bitrate: 16000, complexity: 5)
    }

    static func checkRoundTrip(_ wav: TestWAVFile, bitrate: Int, complexity: Int) throws {
        let encoder = try OpusEncoder(
            configuration: .init(sampleRate: wav.sampleRate, complexity: complexity, bitrate: bitrate))
        let decoder = try OpusDecoder(sampleRate: wav.sampleRate)
        let packets = try OpusStream.encode(wav.samples, with: encoder)
        let decoded = try OpusStream.decodeAll(packets, with: decoder)
        #expect(decoded.count == packets.count * encoder.packetFrameCount)

        let delay = encoder.lookaheadFrameCount
        let snr = Signal.snr(original: wav.samples[...], decoded: decoded[...], delay: delay)
        #expect(snr >= thresholdDecibels, "SNR \(snr) dB")

        let misaligned = Signal.snr(
            original: wav.samples[...], decoded: decoded[...], delay: delay + encoder.packetFrameCount)
        #expect(misaligned < thresholdDecibels - 4, "one block late: \(misaligned) dB")
    }

    @Test("every frame duration and sample rate gives packets of the right length")
    func durationsAndRates() throws {
        for sampleRate in OpusError.supportedSampleRates {
            for duration in OpusFrameDuration.allCases {
                let encoder = try OpusEncoder(configuration: .init(sampleRate: sampleRate, frameDuration: duration))
                let decoder = try OpusDecoder(sampleRate: sampleRate)
                let tone = (0..<(encoder.packetFrameCount * 3)).map {
                    Int16(8000 * sin(2 * Double.pi * 440 * Double($0) / Double(sampleRate)))
                }
                let packets = try OpusStream.encode(tone, with: encoder)
                #expect(packets.count == 3)
                for packet in packets {
                    #expect(
                        try OpusStream.decode(packet, with: decoder).count == sampleRate / 1000 * duration.milliseconds)
                }
            }
        }
    }

    @Test("stereo packets decode to interleaved frames")
    func stereo() throws {
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 48000, channelCount: 2, bitrate: 64000))
        let decoder = try OpusDecoder(sampleRate: 48000, channelCount: 2)
        let packets = try OpusStream.encode([Int16](repeating: 100, count: 960 * 2 * 2), with: encoder)
        #expect(try OpusStream.decode(packets[0], with: decoder).count == 960 * 2)
    }

    /// The index of the 20 ms block with the most energy, away from the ends.
    static func loudestBlock(_ samples: [Int16], blockFrameCount: Int) -> Int {
        let blockCount = samples.count / blockFrameCount
        return (2..<(blockCount - 2)).max {
            Signal.rms(samples[($0 * blockFrameCount)..<(($0 + 1) * blockFrameCount)])
                < Signal.rms(samples[($1 * blockFrameCount)..<(($1 + 1) * blockFrameCount)])
        }!
    }

    @Test("a lost packet is concealed with the right length, a bounded level and sound during speech")
    func concealment() throws {
        let wav = try Self.arctic("cmu_arctic_us_axb_a0004.wav")
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000, bitrate: 24000))
        let decoder = try OpusDecoder(sampleRate: 16000)
        let packets = try OpusStream.encode(wav.samples, with: encoder)
        let lost = Self.loudestBlock(wav.samples, blockFrameCount: 320)

        var neighbourLevels: [Double] = []
        for index in 0..<lost {
            neighbourLevels.append(Signal.rms(try OpusStream.decode(packets[index], with: decoder)[...]))
        }
        let concealed = try OpusStream.decode(nil, with: decoder)
        let after = try OpusStream.decode(packets[lost + 1], with: decoder)

        #expect(concealed.count == 320)
        #expect(after.count == 320)
        let level = Signal.rms(concealed[...])
        #expect(level > 0.05 * neighbourLevels.last!, "concealment went silent: RMS \(level)")
        #expect(level < 2 * neighbourLevels.suffix(5).max()!, "concealment is louder than the speech: RMS \(level)")
    }

    /// Measured on the loudest block of three ARCTIC files at 32 kbit/s with 20 % expected loss: FEC 9.9 ... 12.4 dB,
    /// concealment -0.2 ... 5.7 dB. The test asks FEC to win on every file and by 3 dB on average.
    @Test("with FEC on, the next packet rebuilds a lost one better than concealment does")
    func forwardErrorCorrection() throws {
        var fecTotal = 0.0
        var concealmentTotal = 0.0
        for file in ["cmu_arctic_us_aew_a0001.wav", "cmu_arctic_us_axb_a0004.wav", "cmu_arctic_us_axb_a0006.wav"] {
            let wav = try Self.arctic(file)
            let encoder = try OpusEncoder(
                configuration: .init(
                    sampleRate: 16000, bitrate: 32000, isForwardErrorCorrectionEnabled: true,
                    expectedPacketLossPercentage: 20))
            let packets = try OpusStream.encode(wav.samples, with: encoder)
            let lost = Self.loudestBlock(wav.samples, blockFrameCount: 320)

            let concealing = try OpusDecoder(sampleRate: 16000)
            let recovering = try OpusDecoder(sampleRate: 16000)
            var concealedStream: [Int16] = []
            var recoveredStream: [Int16] = []
            for index in 0..<lost {
                concealedStream += try OpusStream.decode(packets[index], with: concealing)
                recoveredStream += try OpusStream.decode(packets[index], with: recovering)
            }
            concealedStream += try OpusStream.decode(nil, with: concealing)
            recoveredStream += try OpusStream.recover(from: packets[lost + 1], with: recovering)

            // The lost block's audio, as the decoder output places it (delayed by the lookahead).
            let start = lost * 320 - encoder.lookaheadFrameCount
            let original = wav.samples[start..<(start + 320)]
            let fec = Signal.snr(original: original, decoded: recoveredStream[(lost * 320)...], delay: 0)
            let concealment = Signal.snr(original: original, decoded: concealedStream[(lost * 320)...], delay: 0)
            #expect(fec > concealment, "\(file): FEC \(fec) dB, concealment \(concealment) dB")
            fecTotal += fec
            concealmentTotal += concealment
        }
        #expect(
            fecTotal / 3 > concealmentTotal / 3 + 3,
            "mean FEC \(fecTotal / 3) dB, concealment \(concealmentTotal / 3) dB")
    }

    @Test("recovery without FEC data in the next packet falls back to concealment")
    func recoveryWithoutRedundancy() throws {
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000))
        let decoder = try OpusDecoder(sampleRate: 16000)
        let packets = try OpusStream.encode([Int16](repeating: 0, count: 320 * 3), with: encoder)
        _ = try OpusStream.decode(packets[0], with: decoder)
        #expect(try OpusStream.recover(from: packets[2], with: decoder).count == 320)
    }
}
