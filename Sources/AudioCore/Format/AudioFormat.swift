/// The sample rate and channel layout of a stream of frames.
///
/// Inside the engine samples are `Float` in `-1.0...1.0`, interleaved when there is more than one channel. `Int16`
/// appears only at the edges (devices, codecs, files); see `SampleConversion`.
///
/// A format is validated once, when it is made, so that every later stage can rely on it: the sample rate must
/// give a whole number of frames in a 10 ms block, and the channel count must be one a device could have.
public struct AudioFormat: Hashable, Sendable, CustomStringConvertible {
    /// The sample rates a format accepts, in hertz.
    public static let supportedSampleRates = 100...384_000

    /// The channel counts a format accepts.
    public static let supportedChannelCounts = 1...32

    /// Frames per second.
    public let sampleRate: Int

    /// Samples per frame.
    public let channelCount: Int

    /// Makes a format after checking that the engine can run it.
    ///
    /// - Parameters:
    ///   - sampleRate: Frames per second; a multiple of 100 in `supportedSampleRates`.
    ///   - channelCount: Samples per frame, in `supportedChannelCounts`.
    /// - Throws: `AudioFormatError` naming the rejected value and what is accepted.
    public init(sampleRate: Int, channelCount: Int) throws(AudioFormatError) {
        guard Self.supportedSampleRates.contains(sampleRate) else {
            throw .sampleRateOutOfRange(sampleRate)
        }
        guard sampleRate % Self.blockAlignment == 0 else {
            throw .sampleRateNotBlockAligned(sampleRate)
        }
        guard Self.supportedChannelCounts.contains(channelCount) else {
            throw .channelCountOutOfRange(channelCount)
        }
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    private init(validSampleRate: Int, channelCount: Int) {
        self.sampleRate = validSampleRate
        self.channelCount = channelCount
    }

    /// 8 kHz mono: G.711 telephony.
    public static let narrowband = AudioFormat(validSampleRate: 8000, channelCount: 1)

    /// 16 kHz mono: wideband telephony and speech recognition.
    public static let wideband = AudioFormat(validSampleRate: 16000, channelCount: 1)

    /// 48 kHz mono: Opus and most desk-box sound cards.
    public static let fullband = AudioFormat(validSampleRate: 48000, channelCount: 1)

    /// Rates must be a multiple of this so that a 10 ms block (a hundredth of a second) holds whole frames.
    static let blockAlignment = 100

    /// The number of samples in `frameCount` frames of this format.
    ///
    /// - Complexity: O(1).
    public func sampleCount(frameCount: Int) -> Int {
        frameCount * self.channelCount
    }

    /// The number of bytes `frameCount` frames occupy as samples of type `Sample`.
    ///
    /// - Complexity: O(1).
    public func byteCount<Sample>(frameCount: Int, sampleType: Sample.Type) -> Int {
        self.sampleCount(frameCount: frameCount) * MemoryLayout<Sample>.stride
    }

    /// The frame, sample and byte counts of one block of `duration` in this format.
    ///
    /// - Complexity: O(1).
    public func blockLayout(_ duration: BlockDuration) -> BlockLayout {
        BlockLayout(format: self, duration: duration)
    }

    public var description: String {
        "\(self.sampleRate) Hz, \(self.channelCount) channel\(self.channelCount == 1 ? "" : "s")"
    }
}

/// Why a sample rate or channel count was refused.
public enum AudioFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sample rate is zero, negative or beyond what any device runs at.
    case sampleRateOutOfRange(Int)

    /// The sample rate does not give a whole number of frames per 10 ms block.
    case sampleRateNotBlockAligned(Int)

    /// The channel count is zero, negative or beyond what the engine mixes.
    case channelCountOutOfRange(Int)

    public var description: String {
        let rates = AudioFormat.supportedSampleRates
        let channels = AudioFormat.supportedChannelCounts
        switch self {
        case .sampleRateOutOfRange(let sampleRate):
            return "sample rate \(sampleRate) Hz is out of range; use a multiple of 100 Hz from "
                + "\(rates.lowerBound) to \(rates.upperBound) Hz, such as 8000, 16000 or 48000"
        case .sampleRateNotBlockAligned(let sampleRate):
            return "sample rate \(sampleRate) Hz does not divide into 10 ms blocks of whole frames; use a multiple "
                + "of 100 Hz such as 8000, 16000 or 48000 and resample at the edge"
        case .channelCountOutOfRange(let channelCount):
            return "channel count \(channelCount) is out of range; use \(channels.lowerBound) to "
                + "\(channels.upperBound) channels"
        }
    }
}
