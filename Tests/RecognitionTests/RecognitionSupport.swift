import AttendantTestSupport
import AudioCore
import CFlite
import Codecs
import Foundation
import Recognition
import Speech
import Testing

/// Audio for the recognition tests: real recordings from the shared corpora, and flite speech made on the spot.
enum RecognitionAudio {
    /// A corpus file as the recognizer hears it: 16 kHz mono.
    static func corpus(_ relativePath: String) throws -> [Int16] {
        let reader = try AudioFileReader(contentsOf: TestPaths.corpus(relativePath))
        let converter = try ConvertingAudioFileReader(reader, sampleRate: Recognizer.sampleRate, channelCount: 1)
        return self.int16(try converter.readAll())
    }

    /// `text` spoken by flite's slt voice (16 kHz), with 200 ms of silence either side.
    static func spoken(_ text: String) throws -> [Int16] {
        let voice = try #require(FliteLibrary.register(.slt))
        let wave = try #require(FliteLibrary.synthesize(text, voice: voice))
        guard wave.sampleRate == 16000 else { throw SpeechError.unexpectedRate }
        let samples = wave.samples
        let silence = [Int16](repeating: 0, count: 3200)
        return silence + samples + silence
    }

    static func int16(_ floats: [Float]) -> [Int16] {
        var samples = [Int16](repeating: 0, count: floats.count)
        floats.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { SampleConversion.convert(source, to: $0) }
        }
        return samples
    }

    enum SpeechError: Error { case unexpectedRate }
}
