import Codecs
import Foundation
import Voice

/// Reads a file the voice-activity detectors can run on as it is: mono at 8 or 16 kHz.
enum VADAudio {
    /// The file's samples and rate.
    ///
    /// - Throws: `AudioFileError` for an unreadable file, `VADInputError` for more than one channel or another rate.
    static func read(_ path: String) throws -> (samples: [Float], sampleRate: Int) {
        let reader = try AudioFileReader(contentsOf: URL(fileURLWithPath: path))
        let description = reader.fileDescription
        guard description.channelCount == 1 else {
            throw VADInputError.notMono(path: path, channelCount: description.channelCount)
        }
        guard VoiceActivityError.supportedSampleRates.contains(description.sampleRate) else {
            throw VADInputError.unsupportedSampleRate(path: path, sampleRate: description.sampleRate)
        }
        return (try reader.readAll(), description.sampleRate)
    }
}
