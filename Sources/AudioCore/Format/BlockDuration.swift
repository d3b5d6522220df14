/// The fixed units audio moves in.
///
/// The graph processes 10 ms blocks; codecs frame 20 ms packets. Both are whole hundredths of a second, so at any
/// valid `AudioFormat` they hold a whole number of frames.
public enum BlockDuration: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 10 ms: the block the audio graph processes.
    case graph = 10

    /// 20 ms: the block a codec packet carries (Opus, G.711 over RTP).
    case codec = 20

    /// The duration in milliseconds.
    public var milliseconds: Int { self.rawValue }

    /// The duration in nanoseconds, the unit of `MonotonicClock`.
    public var nanoseconds: Int64 { Int64(self.rawValue) * 1_000_000 }

    /// The frames in one block at `sampleRate` frames per second.
    ///
    /// Exact for every rate `AudioFormat` accepts.
    ///
    /// - Complexity: O(1).
    public func frameCount(sampleRate: Int) -> Int {
        sampleRate * self.rawValue / 1000
    }

    public var description: String { "\(self.rawValue) ms" }
}

/// The sizes of one block of a given duration in a given format, in frames, samples and bytes.
public struct BlockLayout: Hashable, Sendable, CustomStringConvertible {
    /// The format of the block's frames.
    public let format: AudioFormat

    /// How long the block lasts.
    public let duration: BlockDuration

    /// Makes the layout of one `duration` block of `format`.
    public init(format: AudioFormat, duration: BlockDuration) {
        self.format = format
        self.duration = duration
    }

    /// Frames in one block: one sample per channel at each instant.
    public var frameCount: Int { self.duration.frameCount(sampleRate: self.format.sampleRate) }

    /// Samples in one block: `frameCount` times the channel count.
    public var sampleCount: Int { self.format.sampleCount(frameCount: self.frameCount) }

    /// Bytes in one block as `Int16` samples, the edge format.
    public var int16ByteCount: Int { self.format.byteCount(frameCount: self.frameCount, sampleType: Int16.self) }

    /// Bytes in one block as `Float` samples, the internal format.
    public var float32ByteCount: Int { self.format.byteCount(frameCount: self.frameCount, sampleType: Float.self) }

    public var description: String {
        "\(self.duration) of \(self.format): \(self.frameCount) frames, \(self.sampleCount) samples"
    }
}
