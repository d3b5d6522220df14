/// Reads an audio file converted to the engine's rate and channel count.
///
/// Each chunk from the underlying `AudioFileReader` is mapped to the target channel count (averaged to mono,
/// copied out from mono, or kept) and, when the rates differ, resampled. The resampler's leading latency is
/// skipped and its tail drained at the end of the file, so the output is time-aligned with the input and holds
/// `expectedFrameCount` frames: the input's duration at the target rate, rounded to the nearest frame.
///
/// Not real-time safe: control thread only. It reads the file; buffers are allocated once, in `init`.
public final class ConvertingAudioFileReader {
    /// The reader underneath, positioned after the frames consumed so far.
    public let source: AudioFileReader
    /// Frames per second of the output.
    public let sampleRate: Int
    /// Samples per output frame.
    public let channelCount: Int
    /// The frames the whole file converts to: its frame count scaled to `sampleRate`, rounded.
    public let expectedFrameCount: Int

    private let resampler: Resampler?
    private static let chunkFrameCount = 1_024
    private var sourceChunk: [Float]
    private var mappedChunk: [Float]
    private var converted: [Float]
    private var convertedStart = 0
    private var convertedEnd = 0
    private var producedFrameCount = 0
    private var phase = Phase.reading

    private enum Phase {
        /// Frames still come from the file.
        case reading
        /// The file is used up and the resampler's tail has been fed silence.
        case draining
        /// Nothing more to produce.
        case finished
    }

    /// Wraps `source` to produce `channelCount` channels at `sampleRate`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameters:
    ///   - sampleRate: the output rate; when it differs from the file's, both must be in
    ///     `Resampler.supportedSampleRates`.
    ///   - channelCount: 1 (downmix by averaging), the file's count, or any count from a mono file.
    ///   - quality: the resampler quality, `Resampler.defaultQuality` unless told otherwise.
    /// - Throws: `AudioFileError.invalidSampleRate`, `.invalidChannelCount` for an impossible target,
    ///   `.unsupportedConversion` for a rate pair the resampler lacks, `.unsupportedChannelConversion`.
    public init(
        _ source: AudioFileReader, sampleRate: Int, channelCount: Int, quality: Int = Resampler.defaultQuality
    ) throws(AudioFileError) {
        let input = source.fileDescription.format
        let path = source.path
        try AudioFileFormat.wav(sampleRate: sampleRate, channelCount: channelCount).validate(path: path)
        guard channelCount == 1 || channelCount == input.channelCount || input.channelCount == 1 else {
            throw .unsupportedChannelConversion(
                path: path, fromChannelCount: input.channelCount, toChannelCount: channelCount)
        }

        self.source = source
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.expectedFrameCount =
            (source.fileDescription.frameCount * sampleRate + input.sampleRate / 2) / input.sampleRate
        if sampleRate == input.sampleRate {
            self.resampler = nil
        } else {
            do {
                let resampler = try Resampler(
                    inputSampleRate: input.sampleRate, outputSampleRate: sampleRate, channelCount: channelCount,
                    quality: quality)
                resampler.skipLeadingLatency()
                self.resampler = resampler
            } catch {
                throw .unsupportedConversion(path: path, fromSampleRate: input.sampleRate, toSampleRate: sampleRate)
            }
        }

        let chunk = Self.chunkFrameCount
        self.sourceChunk = [Float](repeating: 0, count: chunk * input.channelCount)
        self.mappedChunk = [Float](repeating: 0, count: chunk * channelCount)
        let drainFrameCount = self.resampler?.inputLatencyFrameCount ?? 0
        let convertedFrameCount = Resampler.maximumOutputFrameCount(
            inputFrameCount: max(chunk, drainFrameCount), inputSampleRate: input.sampleRate,
            outputSampleRate: sampleRate)
        self.converted = [Float](repeating: 0, count: max(convertedFrameCount, chunk) * channelCount)
    }

    /// Reads up to `buffer.count / channelCount` converted, interleaved frames.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the frames written to the front of `buffer`; 0 at the end.
    /// - Throws: as `AudioFileReader.read(into:)`.
    /// - Complexity: O(frames read).
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(AudioFileError) -> Int {
        let wanted = buffer.count / self.channelCount
        var done = 0
        while done < wanted {
            if self.convertedStart == self.convertedEnd {
                guard try self.refill() else { break }
            }
            let count = min(wanted - done, self.convertedEnd - self.convertedStart)
            let channels = self.channelCount
            for index in 0..<count * channels {
                buffer[done * channels + index] = self.converted[self.convertedStart * channels + index]
            }
            self.convertedStart += count
            done += count
        }
        return done
    }

    /// Reads every remaining converted frame into one array of interleaved samples.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: as `AudioFileReader.read(into:)`.
    /// - Complexity: O(remaining frames).
    public func readAll() throws(AudioFileError) -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(self.expectedFrameCount * self.channelCount)
        var chunk = [Float](repeating: 0, count: 4_096 * self.channelCount)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(AudioFileError) -> Int in
                try self.read(into: buffer)
            }
            if count == 0 { return samples }
            samples.append(contentsOf: chunk[0..<count * self.channelCount])
        }
    }

    /// Fills `converted` with the next frames, possibly none; `false` once the file and the resampler's tail are
    /// both used up.
    private func refill() throws(AudioFileError) -> Bool {
        self.convertedStart = 0
        self.convertedEnd = 0
        guard self.phase != .finished else { return false }

        let sourceFrameCount = try self.sourceChunk.withUnsafeMutableBufferPointer {
            (buffer) throws(AudioFileError) -> Int in
            try self.source.read(into: buffer)
        }
        if sourceFrameCount > 0 {
            self.mapChannels(frameCount: sourceFrameCount)
            if let resampler = self.resampler {
                self.resample(resampler, frameCount: sourceFrameCount)
            } else {
                self.converted.withUnsafeMutableBufferPointer { converted in
                    for index in 0..<sourceFrameCount * self.channelCount {
                        converted[index] = self.mappedChunk[index]
                    }
                }
                self.convertedEnd = sourceFrameCount
            }
        } else if let resampler = self.resampler, self.phase == .reading {
            self.phase = .draining
            self.convertedEnd = self.converted.withUnsafeMutableBufferPointer { converted in
                resampler.processSilence(frameCount: resampler.inputLatencyFrameCount, into: converted)
                    .producedFrameCount
            }
        } else {
            self.phase = .finished
        }

        // The drained tail runs past the input's end by a fraction of the filter; cut it at the input's duration.
        if self.resampler != nil {
            let inputRate = self.source.fileDescription.sampleRate
            let total = (self.source.framePosition * self.sampleRate + inputRate / 2) / inputRate
            self.convertedEnd = min(self.convertedEnd, max(total - self.producedFrameCount, 0))
        }
        self.producedFrameCount += self.convertedEnd
        return true
    }

    /// Maps `frameCount` frames of `sourceChunk` to the target channel count in `mappedChunk`.
    private func mapChannels(frameCount: Int) {
        let inputChannels = self.source.fileDescription.channelCount
        let outputChannels = self.channelCount
        self.mappedChunk.withUnsafeMutableBufferPointer { mapped in
            self.sourceChunk.withUnsafeBufferPointer { source in
                if inputChannels == outputChannels {
                    for index in 0..<frameCount * outputChannels {
                        mapped[index] = source[index]
                    }
                } else if outputChannels == 1 {
                    let scale = 1 / Float(inputChannels)
                    for frame in 0..<frameCount {
                        var sum: Float = 0
                        for channel in 0..<inputChannels {
                            sum += source[frame * inputChannels + channel]
                        }
                        mapped[frame] = sum * scale
                    }
                } else {
                    for frame in 0..<frameCount {
                        for channel in 0..<outputChannels {
                            mapped[frame * outputChannels + channel] = source[frame]
                        }
                    }
                }
            }
        }
    }

    /// Resamples `frameCount` frames of `mappedChunk` into `converted`.
    private func resample(_ resampler: Resampler, frameCount: Int) {
        let channels = self.channelCount
        let produced = self.mappedChunk.withUnsafeBufferPointer { mapped in
            self.converted.withUnsafeMutableBufferPointer { converted in
                resampler.process(UnsafeBufferPointer(rebasing: mapped[0..<frameCount * channels]), into: converted)
                    .producedFrameCount
            }
        }
        self.convertedEnd = produced
    }
}
