import CFlite
import CPocketSphinx
import Devices
import Foundation
import Practice
import Recognition
import Speech
import Testing
import Voice

/// Each C library the product uses is linked and answers a real call.
@Suite("C bindings")
struct BindingsTests {
    @Test("ALSA reports its version and error messages")
    func alsa() {
        #expect(ALSALibrary.version.hasPrefix("1."))
        #expect(!ALSALibrary.message(forErrorCode: -2).isEmpty)
    }

    @Test("SQLite reports a thread-safe 3.x build")
    func sqlite() {
        #expect(SQLiteLibrary.version.hasPrefix("3."))
        #expect(SQLiteLibrary.isThreadSafe)
    }

    @Test("webrtc-audio-processing processes a block at 8 and 16 kHz through the C shim", arguments: [8000, 16000])
    func webrtc(sampleRate: Int32) {
        #expect(WebRTCLibrary.canProcess(sampleRate: sampleRate))
    }

    @Test("webrtc-audio-processing refuses an impossible rate")
    func webrtcRefusesBadRate() {
        #expect(!WebRTCLibrary.canProcess(sampleRate: 12345))
    }

    @Test("flite synthesizes speech with the slt voice")
    func flite() throws {
        let voice = try #require(FliteLibrary.register(.slt))
        let wave = try #require(FliteLibrary.withLibrary { flite_text_to_wave("hello", voice) })
        defer { FliteLibrary.withLibrary { delete_wave(wave) } }
        #expect(wave.pointee.sample_rate == 16000)
        #expect(wave.pointee.num_samples > 1000)
    }

    @Test("flite synthesis is the same every time, whatever ran before")
    func fliteIsDeterministic() throws {
        let voice = try #require(FliteLibrary.register(.slt))
        let first = try #require(FliteLibrary.synthesize("no", voice: voice))
        _ = FliteLibrary.synthesize("something else in between", voice: voice)
        srand(12345)
        _ = rand()
        let second = try #require(FliteLibrary.synthesize("no", voice: voice))
        #expect(first.samples == second.samples)
        #expect(first.sampleRate == 16000)
    }

    @Test("espeak-ng initializes and reports its version")
    func espeak() throws {
        let sampleRate = try #require(EspeakLibrary.initializeForSynthesis())
        #expect(sampleRate == 22050)
        #expect(EspeakLibrary.version.hasPrefix("1."))
    }

    @Test("pocketsphinx parses a decoder configuration through the C shim and finds Debian's model")
    func pocketsphinx() throws {
        #expect(PocketSphinxLibrary.isModelInstalled)
        let config = try #require(
            PocketSphinxLibrary.makeConfiguration([
                "-hmm", PocketSphinxLibrary.acousticModelPath, "-dict", PocketSphinxLibrary.dictionaryPath,
            ]))
        defer { cmd_ln_free_r(config) }
        #expect(String(cString: cmd_ln_str_r(config, "-hmm")) == PocketSphinxLibrary.acousticModelPath)
    }

    @Test("pocketsphinx refuses an unknown option")
    func pocketsphinxRefusesUnknownOption() {
        #expect(PocketSphinxLibrary.makeConfiguration(["-no-such-option", "1"]) == nil)
    }
}
