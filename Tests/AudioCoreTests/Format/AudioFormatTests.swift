import Testing

@testable import AudioCore

@Suite("Audio format and block layout")
struct AudioFormatTests {
    @Test("Telephony, wideband and desk-box rates are accepted", arguments: [8000, 16000, 44100, 48000, 384_000])
    func acceptsRealRates(sampleRate: Int) throws {
        let format = try AudioFormat(sampleRate: sampleRate, channelCount: 2)
        #expect(format.sampleRate == sampleRate)
        #expect(format.channelCount == 2)
    }

    @Test(
        "Impossible sample rates are rejected with a message naming the value",
        arguments: [0, -8000, 50, 384_100, 1_000_000])
    func rejectsOutOfRangeRates(sampleRate: Int) {
        #expect(throws: AudioFormatError.sampleRateOutOfRange(sampleRate)) {
            try AudioFormat(sampleRate: sampleRate, channelCount: 1)
        }
        let message = AudioFormatError.sampleRateOutOfRange(sampleRate).description
        #expect(message.contains("\(sampleRate) Hz"))
        #expect(message.contains("384000"))
    }

    @Test("A rate that does not divide into 10 ms blocks is rejected", arguments: [22050, 11025, 8001])
    func rejectsUnalignedRates(sampleRate: Int) {
        #expect(throws: AudioFormatError.sampleRateNotBlockAligned(sampleRate)) {
            try AudioFormat(sampleRate: sampleRate, channelCount: 1)
        }
        #expect(AudioFormatError.sampleRateNotBlockAligned(sampleRate).description.contains("\(sampleRate) Hz"))
    }

    @Test("Channel counts outside 1...32 are rejected", arguments: [0, -1, 33])
    func rejectsChannelCounts(channelCount: Int) {
        #expect(throws: AudioFormatError.channelCountOutOfRange(channelCount)) {
            try AudioFormat(sampleRate: 16000, channelCount: channelCount)
        }
        #expect(AudioFormatError.channelCountOutOfRange(channelCount).description.contains("\(channelCount)"))
    }

    @Test("The sample rate is checked before the channel count")
    func reportsSampleRateFirst() {
        #expect(throws: AudioFormatError.sampleRateOutOfRange(0)) {
            try AudioFormat(sampleRate: 0, channelCount: 0)
        }
    }

    @Test("Presets are the telephony formats")
    func presets() throws {
        let narrowband = try AudioFormat(sampleRate: 8000, channelCount: 1)
        let wideband = try AudioFormat(sampleRate: 16000, channelCount: 1)
        let fullband = try AudioFormat(sampleRate: 48000, channelCount: 1)
        #expect(AudioFormat.narrowband == narrowband)
        #expect(AudioFormat.wideband == wideband)
        #expect(AudioFormat.fullband == fullband)
    }

    @Test("A 10 ms block at 8 kHz mono is 80 frames, 80 samples, 160 Int16 bytes")
    func narrowbandGraphBlock() {
        let layout = AudioFormat.narrowband.blockLayout(.graph)
        #expect(layout.frameCount == 80)
        #expect(layout.sampleCount == 80)
        #expect(layout.int16ByteCount == 160)
        #expect(layout.float32ByteCount == 320)
    }

    @Test("A 20 ms codec block at 16 kHz mono is 320 frames")
    func widebandCodecBlock() {
        let layout = AudioFormat.wideband.blockLayout(.codec)
        #expect(layout.frameCount == 320)
        #expect(layout.int16ByteCount == 640)
    }

    @Test("A 10 ms block at 48 kHz stereo counts frames, samples and bytes apart")
    func stereoBlock() throws {
        let layout = try AudioFormat(sampleRate: 48000, channelCount: 2).blockLayout(.graph)
        #expect(layout.frameCount == 480)
        #expect(layout.sampleCount == 960)
        #expect(layout.int16ByteCount == 1920)
        #expect(layout.float32ByteCount == 3840)
    }

    @Test("Block durations in milliseconds and nanoseconds")
    func durations() {
        #expect(BlockDuration.graph.milliseconds == 10)
        #expect(BlockDuration.codec.milliseconds == 20)
        #expect(BlockDuration.codec.nanoseconds == 20_000_000)
        #expect(BlockDuration.graph.frameCount(sampleRate: 44100) == 441)
    }
}
