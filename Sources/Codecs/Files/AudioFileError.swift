import Foundation

/// Why an audio file could not be read, written or converted.
///
/// Every case names the file (or the value) at fault, and its `description` says what Attendant accepts, so the
/// CLI can print it as it is.
///
/// Not real-time safe: control thread only. Errors carry strings; the audio path reports failures as counters.
public enum AudioFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The path names a directory or another non-regular file.
    case notAFile(path: String)
    /// The file has 0 bytes.
    case emptyFile(path: String)
    /// The file starts like a WAV or FLAC but its header is cut short or damaged.
    case malformedHeader(path: String, SndFileError)
    /// libsndfile recognises no audio format in the file (for example a text file named `.wav`).
    case notAudio(path: String, SndFileError)
    /// A container libsndfile reads but Attendant does not accept (for example AIFF); carries libsndfile's name.
    case unsupportedContainer(path: String, name: String)
    /// A sample encoding Attendant does not accept (for example IMA ADPCM); carries libsndfile's name.
    case unsupportedEncoding(path: String, name: String)
    /// A sample rate outside `AudioFileFormat.acceptedSampleRates`, given for raw input, a written file or a
    /// conversion target.
    case invalidSampleRate(Int, path: String)
    /// A channel count outside `AudioFileFormat.acceptedChannelCounts`.
    case invalidChannelCount(Int, path: String)
    /// The resampler has no conversion between these rates.
    case unsupportedConversion(path: String, fromSampleRate: Int, toSampleRate: Int)
    /// Channel counts the converter cannot map (it downmixes to mono, copies mono out, or keeps the count).
    case unsupportedChannelConversion(path: String, fromChannelCount: Int, toChannelCount: Int)
    /// The folder a file was to be written into does not exist.
    case directoryNotFound(path: String)
    /// A buffer handed to the writer holds a sample count that is not a whole number of frames.
    case partialFrame(path: String, sampleCount: Int, channelCount: Int)
    /// The writer was used after `finish()` or `cancel()`.
    case writerClosed(path: String)
    /// Decoding failed part-way (for example a FLAC file cut short, where libsndfile loses sync); the frames before
    /// `framePosition` were delivered.
    case damagedAudio(path: String, framePosition: Int, SndFileError)
    /// libsndfile failed to open, read, write or close the file for another reason.
    case library(path: String, SndFileError)
    /// The operating system refused a file operation (creating, renaming or removing a file).
    case system(path: String, operation: String, errno: Int32)

    /// The file (or, for a refused value, the file it was meant for) the error is about.
    public var path: String {
        switch self {
        case .fileNotFound(let path), .notAFile(let path), .emptyFile(let path), .malformedHeader(let path, _),
            .notAudio(let path, _), .unsupportedContainer(let path, _), .unsupportedEncoding(let path, _),
            .invalidSampleRate(_, let path), .invalidChannelCount(_, let path),
            .unsupportedConversion(let path, _, _), .unsupportedChannelConversion(let path, _, _),
            .directoryNotFound(let path), .partialFrame(let path, _, _), .writerClosed(let path),
            .damagedAudio(let path, _, _), .library(let path, _), .system(let path, _, _):
            path
        }
    }

    public var description: String {
        let accepted = "Attendant reads WAV and FLAC files and headerless PCM"
        let encodings = "accepted encodings: \(AudioSampleEncoding.acceptedList)"
        let rates = AudioFileFormat.acceptedSampleRates
        let channels = AudioFileFormat.acceptedChannelCounts
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file; give the path of a WAV, FLAC or raw PCM file"
        case .notAFile(let path):
            return "\(path): not a regular file; give the path of a WAV, FLAC or raw PCM file"
        case .emptyFile(let path):
            return "\(path): the file is empty (0 bytes); \(accepted)"
        case .malformedHeader(let path, let error):
            return "\(path): the header is cut short or damaged (\(error.message)); re-export the file as WAV or FLAC"
        case .notAudio(let path, let error):
            return "\(path): not an audio file (\(error.message)); \(accepted) (raw PCM needs --rate, --channels, "
                + "--encoding)"
        case .unsupportedContainer(let path, let name):
            return "\(path): \(name) files are not accepted; \(accepted); convert it first, for example with "
                + "`sox \(path) out.wav`"
        case .unsupportedEncoding(let path, let name):
            return "\(path): \(name) samples are not accepted; \(encodings)"
        case .invalidSampleRate(let rate, let path):
            return "\(path): a sample rate of \(rate) Hz is impossible; give a rate from \(rates.lowerBound) to "
                + "\(rates.upperBound) Hz"
        case .invalidChannelCount(let count, let path):
            return "\(path): \(count) channels is not accepted; give \(channels.lowerBound) to \(channels.upperBound)"
        case .unsupportedConversion(let path, let from, let to):
            let list = Resampler.supportedSampleRates.map(String.init).joined(separator: ", ")
            return "\(path): cannot resample \(from) Hz to \(to) Hz; the resampler converts between \(list) Hz"
        case .unsupportedChannelConversion(let path, let from, let to):
            return "\(path): cannot map \(from) channels to \(to); convert to mono, from mono, or keep the count"
        case .directoryNotFound(let path):
            return "\(path): the folder does not exist; create it or write into an existing folder"
        case .partialFrame(let path, let sampleCount, let channelCount):
            return "\(path): \(sampleCount) samples is not a whole number of \(channelCount)-channel frames; "
                + "pass interleaved frames"
        case .writerClosed(let path):
            return "\(path): the writer is already finished or cancelled; open a new writer"
        case .damagedAudio(let path, let position, let error):
            return "\(path): the audio is damaged or cut short after frame \(position) (\(error.message)); the frames "
                + "before it were read; re-export the file or trim it"
        case .library(let path, let error):
            return "\(path): \(error.message) (libsndfile error \(error.code.rawValue)); \(accepted)"
        case .system(let path, let operation, let errno):
            return "\(path): \(operation) failed: \(String(cString: strerror(errno))); check the path and permissions"
        }
    }
}

extension AudioFileError {
    /// The message without the leading path, for an error of another kind that names the file itself.
    public var reason: String {
        let prefix = self.path + ": "
        let message = self.description
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}

extension AudioFileError: LocalizedError {
    public var errorDescription: String? { self.description }
}
