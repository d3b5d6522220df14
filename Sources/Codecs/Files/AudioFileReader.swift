import CSndFile
import Foundation

/// Reads a WAV, FLAC or headerless PCM file in chunks, as 32-bit float or 16-bit integer samples.
///
/// Samples come out interleaved (`channelCount` samples per frame) at the file's own rate; for the engine's rate
/// and channel count, wrap the reader in a `ConvertingAudioFileReader`. Float samples use the scale of
/// `SampleScaling`: a 16-bit sample `s` reads as `s / 32768`.
///
/// A WAV whose header promises more data than the file holds is read up to the last whole frame present, with
/// `fileDescription.isTruncated` set: the audio before the cut is intact and worth keeping, and the flag lets the
/// caller warn. A header cut before the data starts fails with `AudioFileError.malformedHeader`. A FLAC file cut
/// short cannot be measured from its header; reading it delivers the frames before the cut, then fails with
/// `AudioFileError.damagedAudio`.
///
/// Not real-time safe: control thread only. Reading does file I/O; use a ring buffer to feed the audio thread.
public final class AudioFileReader {
    /// The file being read.
    public let path: String

    /// The file's format and length, as `attendant info` reports them.
    public let fileDescription: AudioFileDescription

    /// The next frame `read` returns, counted from the start of the file.
    public private(set) var framePosition = 0

    private let handle: SndFile.Handle
    private static let scratchFrameCount = 1_024
    private var scratch: [Float]
    private var pendingError: AudioFileError?

    /// Opens a WAV or FLAC file, taking its format from its header.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioFileError` naming the file: `fileNotFound`, `notAFile`, `emptyFile`, `malformedHeader`,
    ///   `notAudio`, `unsupportedContainer`, `unsupportedEncoding`, `invalidSampleRate`, `invalidChannelCount` or
    ///   `library`.
    public convenience init(contentsOf url: URL) throws(AudioFileError) {
        try self.init(path: url.path, rawFormat: nil)
    }

    /// Opens a headerless file whose layout the caller knows; samples are little-endian.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameter rawFormat: the rate, channel count and encoding of the samples; its container is ignored.
    /// - Throws: as `init(contentsOf:)`; `invalidSampleRate` and `invalidChannelCount` for a format outside
    ///   `AudioFileFormat.acceptedSampleRates` and `acceptedChannelCounts`.
    public convenience init(contentsOf url: URL, rawFormat: AudioFileFormat) throws(AudioFileError) {
        try self.init(path: url.path, rawFormat: rawFormat)
    }

    /// The format and length of a file, without reading its samples.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameter rawFormat: the layout of a headerless file, or `nil` to read the header.
    /// - Throws: as `init(contentsOf:)`.
    public static func describe(_ url: URL, rawFormat: AudioFileFormat? = nil) throws(AudioFileError)
        -> AudioFileDescription
    {
        try AudioFileReader(path: url.path, rawFormat: rawFormat).fileDescription
    }

    private init(path: String, rawFormat: AudioFileFormat?) throws(AudioFileError) {
        self.path = path
        let byteCount = try Self.checkRegularFile(path: path)

        var info = SF_INFO()
        if var rawFormat {
            rawFormat.container = .raw
            try rawFormat.validate(path: path)
            info = rawFormat.sndFileInfo
        }
        switch SndFile.openForReading(path: path, info: &info) {
        case .success(let handle): self.handle = handle
        case .failure(let error): throw Self.classifyOpenFailure(error, path: path)
        }

        guard let container = AudioFileContainer(sndFileFormat: info.format) else {
            let major = info.format & Int32(SF_FORMAT_TYPEMASK)
            let name = SndFile.name(ofFormat: major, isContainer: true) ?? "format 0x\(String(major, radix: 16))"
            throw .unsupportedContainer(path: path, name: name)
        }
        guard let encoding = AudioSampleEncoding(sndFileFormat: info.format) else {
            let subtype = info.format & Int32(SF_FORMAT_SUBMASK)
            let name = SndFile.name(ofFormat: subtype, isContainer: false) ?? "encoding 0x\(String(subtype, radix: 16))"
            throw .unsupportedEncoding(path: path, name: name)
        }
        let format = AudioFileFormat(
            container: container, encoding: encoding, sampleRate: Int(info.samplerate), channelCount: Int(info.channels)
        )
        try format.validate(path: path)

        let isTruncated: Bool
        switch container {
        case .wav: isTruncated = FileInspection.isDataChunkTruncated(path: path, fileByteCount: byteCount)
        case .raw: isTruncated = byteCount % (encoding.byteCount * format.channelCount) != 0
        case .flac: isTruncated = false
        }
        self.fileDescription = AudioFileDescription(
            format: format, frameCount: Int(max(info.frames, 0)), isTruncated: isTruncated, byteCount: byteCount)
        self.scratch = [Float](repeating: 0, count: Self.scratchFrameCount * format.channelCount)
    }

    /// Reads up to `buffer.count / channelCount` interleaved frames.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the frames read; 0 at the end of the file.
    /// - Throws: `AudioFileError.damagedAudio` when decoding fails part-way (a FLAC file cut short, an I/O error),
    ///   on the call after the one that returned the last good frames, and on every call after.
    /// - Complexity: O(frames read).
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(AudioFileError) -> Int {
        let frameCount = buffer.count / self.fileDescription.channelCount
        guard frameCount > 0, let base = buffer.baseAddress else { return 0 }

        if let pendingError = self.pendingError { throw pendingError }

        let readCount = self.handle.readFrames(into: base, frameCount: frameCount)
        if readCount < frameCount, let error = self.handle.lastError {
            let failure = AudioFileError.damagedAudio(
                path: self.path, framePosition: self.framePosition + readCount, error)
            guard readCount > 0 else { throw failure }
            // Deliver the frames decoded before the damage; the next call reports it.
            self.pendingError = failure
        }
        self.framePosition += readCount
        return readCount
    }

    /// Reads up to `buffer.count / channelCount` interleaved frames as 16-bit integers, rounding and clipping.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the frames read; 0 at the end of the file.
    /// - Throws: as `read(into:)` for floats.
    /// - Complexity: O(frames read).
    public func read(into buffer: UnsafeMutableBufferPointer<Int16>) throws(AudioFileError) -> Int {
        let channelCount = self.fileDescription.channelCount
        let frameCount = buffer.count / channelCount
        var framesDone = 0
        while framesDone < frameCount {
            let chunkFrameCount = min(Self.scratchFrameCount, frameCount - framesDone)
            let readCount = try self.scratch.withUnsafeMutableBufferPointer { (floats) throws(AudioFileError) -> Int in
                let count = try self.read(
                    into: UnsafeMutableBufferPointer(rebasing: floats[0..<chunkFrameCount * channelCount]))
                for index in 0..<count * channelCount {
                    buffer[framesDone * channelCount + index] = SampleScaling.int16(floats[index])
                }
                return count
            }
            framesDone += readCount
            if readCount < chunkFrameCount { break }
        }
        return framesDone
    }

    /// Reads up to `maximumFrameCount` frames into a new array of interleaved samples.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the samples read, `channelCount` per frame; empty at the end of the file.
    /// - Throws: as `read(into:)`.
    public func readFrames(maximumFrameCount: Int) throws(AudioFileError) -> [Float] {
        var samples = [Float](repeating: 0, count: max(maximumFrameCount, 0) * self.fileDescription.channelCount)
        let readCount = try samples.withUnsafeMutableBufferPointer { (buffer) throws(AudioFileError) -> Int in
            try self.read(into: buffer)
        }
        samples.removeLast(samples.count - readCount * self.fileDescription.channelCount)
        return samples
    }

    /// Reads every remaining frame into one array of interleaved float samples.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `read(into:)`.
    /// - Complexity: O(remaining frames).
    public func readAll() throws(AudioFileError) -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(max(self.fileDescription.frameCount - self.framePosition, 0) * self.channelCount)
        while true {
            let chunk = try self.readFrames(maximumFrameCount: 16_384)
            if chunk.isEmpty { return samples }
            samples.append(contentsOf: chunk)
        }
    }

    /// Reads every remaining frame into one array of interleaved 16-bit samples.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `read(into:)`.
    /// - Complexity: O(remaining frames).
    public func readAllInt16() throws(AudioFileError) -> [Int16] {
        var samples: [Int16] = []
        var chunk = [Int16](repeating: 0, count: 16_384 * self.channelCount)
        while true {
            let readCount = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(AudioFileError) -> Int in
                try self.read(into: buffer)
            }
            if readCount == 0 { return samples }
            samples.append(contentsOf: chunk[0..<readCount * self.channelCount])
        }
    }

    /// Moves back to the first frame.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioFileError.library` when libsndfile cannot seek (a FLAC stream it cannot rewind).
    public func rewind() throws(AudioFileError) {
        guard self.handle.seek(toFrame: 0) == 0 else {
            let error = self.handle.lastError ?? SndFileError(code: .system, message: "seek failed")
            throw .library(path: self.path, error)
        }
        self.framePosition = 0
    }

    private var channelCount: Int { self.fileDescription.channelCount }

    /// Checks that `path` is a non-empty regular file and returns its size.
    private static func checkRegularFile(path: String) throws(AudioFileError) -> Int {
        switch FileInspection.status(path: path) {
        case .failed(let code) where code == ENOENT || code == ENOTDIR:
            throw .fileNotFound(path: path)
        case .failed(let code):
            throw .system(path: path, operation: "looking up the file", errno: code)
        case .found(let status):
            guard status.isRegularFile else { throw .notAFile(path: path) }
            guard status.byteCount > 0 else { throw .emptyFile(path: path) }
            return status.byteCount
        }
    }

    /// Turns a failed `sf_open` into the error that tells the user most.
    private static func classifyOpenFailure(_ error: SndFileError, path: String) -> AudioFileError {
        let signature = FileInspection.signature(of: FileInspection.leadingBytes(path: path, byteCount: 12))
        switch (error.code, signature) {
        case (_, .riffWAVE), (_, .flac), (.malformedFile, _):
            return .malformedHeader(path: path, error)
        case (.unrecognisedFormat, _):
            return .notAudio(path: path, error)
        case (.unsupportedEncoding, _):
            return .unsupportedEncoding(path: path, name: error.message)
        default:
            return .library(path: path, error)
        }
    }
}
