import Foundation

/// What `attendant info` reports about an audio file: its format, length and whether it was cut short.
///
/// Real-time safe: no locks, no allocation. (`description` builds a string and allocates.)
public struct AudioFileDescription: Hashable, Sendable, CustomStringConvertible {
    /// The file's container, encoding, rate and channel count.
    public var format: AudioFileFormat

    /// The frames the file holds (for a truncated WAV, the frames actually present).
    public var frameCount: Int

    /// Whether the header promises more audio than the file holds.
    ///
    /// Such a file is still read, up to the last whole frame present: a recording cut off by a crash or a full
    /// disk keeps everything before the cut, and refusing it would lose that. Callers should warn the user.
    public var isTruncated: Bool

    /// The size of the file on disk.
    public var byteCount: Int

    public init(format: AudioFileFormat, frameCount: Int, isTruncated: Bool, byteCount: Int) {
        self.format = format
        self.frameCount = frameCount
        self.isTruncated = isTruncated
        self.byteCount = byteCount
    }

    public var container: AudioFileContainer { self.format.container }
    public var encoding: AudioSampleEncoding { self.format.encoding }
    public var sampleRate: Int { self.format.sampleRate }
    public var channelCount: Int { self.format.channelCount }

    /// How long the file plays: `frameCount` over `sampleRate`, rounded down to the nanosecond.
    public var duration: Duration {
        let seconds = self.frameCount / self.sampleRate
        let remainder = self.frameCount % self.sampleRate
        return .seconds(seconds) + .nanoseconds(Int64(remainder) * 1_000_000_000 / Int64(self.sampleRate))
    }

    /// `duration` in seconds, for arithmetic and printing.
    public var durationInSeconds: Double { Double(self.frameCount) / Double(self.sampleRate) }

    /// One line for `attendant info`, for example
    /// "WAV, 16-bit PCM, 16000 Hz, 1 channel, 8000 frames (0.500 s)".
    public var description: String {
        let seconds = String(format: "%.3f", self.durationInSeconds)
        var line = "\(self.format), \(self.frameCount) frames (\(seconds) s)"
        if self.isTruncated {
            line += "; truncated: the header promises more audio than the file holds"
        }
        return line
    }
}
