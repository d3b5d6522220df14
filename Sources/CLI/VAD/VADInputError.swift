import Voice

/// Why a file cannot be run through the voice-activity detectors; every message names the file and what is accepted.
enum VADInputError: Error, Equatable, CustomStringConvertible {
    /// The audio's rate is not 8000 or 16000 Hz.
    case unsupportedSampleRate(path: String, sampleRate: Int)

    /// The audio has more than one channel.
    case notMono(path: String, channelCount: Int)

    /// The audio is shorter than one 10 ms block.
    case tooShort(path: String, frameCount: Int)

    /// A folder or manifest named no audio file.
    case noAudio(path: String)

    /// A manifest line or entry is not understood.
    case malformedManifest(path: String, reason: String)

    /// No label file was found for an audio file in an evaluation.
    case missingLabels(audioPath: String, tried: [String])

    var description: String {
        switch self {
        case .unsupportedSampleRate(let path, let rate):
            return "\(path): sample rate \(rate) Hz is not supported; voice-activity detection accepts mono audio at"
                + " 8000 or 16000 Hz (resample with 'attendant convert --rate 16000')"
        case .notMono(let path, let channelCount):
            return "\(path): \(channelCount) channels; voice-activity detection accepts mono audio at 8000 or 16000 Hz"
        case .tooShort(let path, let frameCount):
            return "\(path): \(frameCount) frames is shorter than one 10 ms block; give at least 10 ms of audio"
        case .noAudio(let path):
            return "\(path): no audio files (.wav, .flac) found"
        case .malformedManifest(let path, let reason):
            return "\(path): \(reason)"
        case .missingLabels(let audioPath, let tried):
            return "\(audioPath): no label file; looked for \(tried.joined(separator: ", "))"
        }
    }
}
