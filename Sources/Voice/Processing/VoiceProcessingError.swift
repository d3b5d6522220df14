/// Why a voice processor could not be made or placed in a graph.
///
/// Not real-time safe: made on the control thread only. The audio path never throws; it counts failed blocks
/// instead (see `VoiceProcessor.failedBlockCount`).
public enum VoiceProcessingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// webrtc processes 8, 16, 32 and 48 kHz only.
    case unsupportedSampleRate(Int)

    /// The processor is mono.
    case unsupportedChannelCount(Int)

    /// A graph or caller hands blocks of another length than the processor's 10 ms block.
    case blockLengthMismatch(expectedFrameCount: Int, actualFrameCount: Int)

    /// A setting outside its range, named with the range.
    case invalidSetting(name: String, value: Int, range: ClosedRange<Int>)

    /// webrtc refused to create or configure the processor.
    case library(WebRTCError)

    public var description: String {
        let rates = VoiceProcessor.supportedSampleRates.map(String.init).joined(separator: ", ")
        switch self {
        case .unsupportedSampleRate(let sampleRate):
            return "voice processing runs at \(rates) Hz, not \(sampleRate) Hz; resample the audio first (for "
                + "example with 'attendant convert --rate 16000')"
        case .unsupportedChannelCount(let channelCount):
            return "voice processing takes mono audio, not \(channelCount) channels; mix down first"
        case .blockLengthMismatch(let expected, let actual):
            return "voice processing takes 10 ms blocks of \(expected) frames, not \(actual); run the graph with "
                + "BlockDuration.graph"
        case .invalidSetting(let name, let value, let range):
            return "\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)"
        case .library(let error):
            return "webrtc-audio-processing refused the configuration: \(error)"
        }
    }
}
