import CSndFile
import Foundation

/// Writes a WAV or headerless PCM file atomically: into a temporary file beside the destination, renamed over it
/// only when `finish()` succeeds.
///
/// Until then the destination is untouched (an existing file keeps its old contents), and a writer that fails,
/// is cancelled or is released unfinished removes its temporary file, so nothing half-written is ever left under
/// either name. Float samples are rounded to the file's integer encoding here (see `SampleScaling`), so writing
/// what `AudioFileReader` read gives back the same integers.
///
/// Not real-time safe: control thread only. Writing does file I/O; feed it from a ring buffer.
public final class AudioFileWriter {
    /// The destination.
    public let path: String

    /// The format being written.
    public let format: AudioFileFormat

    /// The frames written so far.
    public private(set) var frameCount = 0

    private let temporary: TemporaryFile
    private var handle: SndFile.Handle?
    private static let scratchFrameCount = 1_024
    private var shortScratch: [Int16] = []
    private var intScratch: [Int32] = []

    /// Starts writing `url`; nothing appears under that name until `finish()`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameter format: a `.wav` or `.raw` container (raw is little-endian), any `AudioSampleEncoding`, a rate
    ///   in `AudioFileFormat.acceptedSampleRates` and 1…8 channels.
    /// - Throws: `AudioFileError.invalidSampleRate`, `.invalidChannelCount`, `.unsupportedContainer` (FLAC),
    ///   `.directoryNotFound`, `.system` when the temporary file cannot be created, `.library` when libsndfile
    ///   refuses the format.
    public init(url: URL, format: AudioFileFormat) throws(AudioFileError) {
        let path = url.path
        self.path = path
        self.format = format
        try format.validate(path: path)
        guard format.container != .flac else {
            throw .unsupportedContainer(path: path, name: "FLAC (writing)")
        }
        var info = format.sndFileInfo
        guard SndFile.canWrite(info) else {
            throw .unsupportedEncoding(path: path, name: "\(format.encoding) in \(format.container)")
        }

        self.temporary = try TemporaryFile(besideDestination: path)
        switch SndFile.openForWriting(descriptor: self.temporary.descriptor, info: &info) {
        case .success(let handle):
            self.handle = handle
        case .failure(let error):
            self.temporary.remove()
            throw .library(path: path, error)
        }
        switch format.encoding {
        case .pcm16, .muLaw, .aLaw:
            self.shortScratch = [Int16](repeating: 0, count: Self.scratchFrameCount * format.channelCount)
        case .pcm24, .pcm32:
            self.intScratch = [Int32](repeating: 0, count: Self.scratchFrameCount * format.channelCount)
        case .float32:
            break
        }
    }

    deinit {
        if self.handle != nil {
            self.cancel()
        }
    }

    /// Writes a file in one call: every frame of `samples` (interleaved), then `finish()`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `init(url:format:)`, `write(_:)` and `finish()`; on any error nothing is left behind.
    public static func write(_ samples: [Float], to url: URL, format: AudioFileFormat) throws(AudioFileError) {
        let writer = try AudioFileWriter(url: url, format: format)
        try writer.write(samples)
        try writer.finish()
    }

    /// Writes interleaved float frames, rounding and clipping to the file's encoding.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioFileError.partialFrame` when `samples.count` is not a multiple of the channel count,
    ///   `.writerClosed` after `finish()` or `cancel()`, `.library` when libsndfile fails (a full disk).
    /// - Complexity: O(samples).
    public func write(_ samples: UnsafeBufferPointer<Float>) throws(AudioFileError) {
        let handle = try self.openHandle(sampleCount: samples.count)
        guard let base = samples.baseAddress else { return }
        let channelCount = self.format.channelCount
        let frameCount = samples.count / channelCount

        switch self.format.encoding {
        case .float32:
            try self.check(handle.writeFrames(base, frameCount: frameCount), expected: frameCount)
        case .pcm16, .muLaw, .aLaw:
            var done = 0
            while done < frameCount {
                let chunk = min(Self.scratchFrameCount, frameCount - done)
                let written = self.shortScratch.withUnsafeMutableBufferPointer { scratch in
                    for index in 0..<chunk * channelCount {
                        scratch[index] = SampleScaling.int16(base[done * channelCount + index])
                    }
                    return handle.writeFrames(UnsafePointer(scratch.baseAddress!), frameCount: chunk)
                }
                try self.check(written, expected: chunk)
                done += chunk
            }
        case .pcm24, .pcm32:
            let bitCount = self.format.encoding == .pcm24 ? 24 : 32
            var done = 0
            while done < frameCount {
                let chunk = min(Self.scratchFrameCount, frameCount - done)
                let written = self.intScratch.withUnsafeMutableBufferPointer { scratch in
                    for index in 0..<chunk * channelCount {
                        scratch[index] = SampleScaling.int32(base[done * channelCount + index], bitCount: bitCount)
                    }
                    return handle.writeFrames(UnsafePointer(scratch.baseAddress!), frameCount: chunk)
                }
                try self.check(written, expected: chunk)
                done += chunk
            }
        }
    }

    /// Writes interleaved float frames from an array.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `write(_:)` for a buffer.
    public func write(_ samples: [Float]) throws(AudioFileError) {
        try samples.withUnsafeBufferPointer { (buffer) throws(AudioFileError) in try self.write(buffer) }
    }

    /// Writes interleaved 16-bit frames; for a float file each sample becomes `s / 32768`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `write(_:)` for floats.
    /// - Complexity: O(samples).
    public func write(_ samples: UnsafeBufferPointer<Int16>) throws(AudioFileError) {
        let handle = try self.openHandle(sampleCount: samples.count)
        guard let base = samples.baseAddress else { return }
        let frameCount = samples.count / self.format.channelCount
        switch self.format.encoding {
        case .pcm16, .muLaw, .aLaw:
            try self.check(handle.writeFrames(base, frameCount: frameCount), expected: frameCount)
        case .pcm24, .pcm32, .float32:
            // Through floats, which hold every 16-bit value exactly.
            let floats = samples.map(SampleScaling.float)
            try self.write(floats)
        }
    }

    /// Writes interleaved 16-bit frames from an array.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `write(_:)` for floats.
    public func write(_ samples: [Int16]) throws(AudioFileError) {
        try samples.withUnsafeBufferPointer { (buffer) throws(AudioFileError) in try self.write(buffer) }
    }

    /// Completes the file: flushes it to disk, closes it (which writes the final header) and renames it over the
    /// destination.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioFileError.writerClosed` when already finished or cancelled, `.library` when closing
    ///   fails, `.system` when the rename fails; the temporary file is removed in each case.
    public func finish() throws(AudioFileError) {
        guard let handle = self.handle else { throw .writerClosed(path: self.path) }
        self.handle = nil
        // Close first: libsndfile writes the final header on close; commit() then fsyncs the whole file.
        if let error = handle.close() {
            self.temporary.remove()
            throw .library(path: self.path, error)
        }
        try self.temporary.commit()
    }

    /// Abandons the file: closes and removes the temporary file; the destination is untouched. Safe to call
    /// more than once.
    ///
    /// Not real-time safe: control thread only.
    public func cancel() {
        guard let handle = self.handle else { return }
        self.handle = nil
        _ = handle.close()
        self.temporary.remove()
    }

    private func openHandle(sampleCount: Int) throws(AudioFileError) -> SndFile.Handle {
        guard let handle = self.handle else { throw .writerClosed(path: self.path) }
        guard sampleCount % self.format.channelCount == 0 else {
            throw .partialFrame(path: self.path, sampleCount: sampleCount, channelCount: self.format.channelCount)
        }
        return handle
    }

    private func check(_ written: Int, expected: Int) throws(AudioFileError) {
        self.frameCount += written
        guard written == expected else {
            let error =
                self.handle?.lastError
                ?? SndFileError(code: .system, message: "short write (\(written) of \(expected))")
            throw .library(path: self.path, error)
        }
    }
}
