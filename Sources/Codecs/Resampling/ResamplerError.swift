/// Why a `Resampler` could not be made.
///
/// Not real-time safe: control thread only. Only `init` throws it; `process` never fails.
public enum ResamplerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A rate that is not one of `Resampler.supportedSampleRates`.
    case unsupportedSampleRate(Int)
    /// A channel count outside `Resampler.supportedChannelCounts`.
    case unsupportedChannelCount(Int)
    /// A quality outside `Resampler.supportedQualities`.
    case unsupportedQuality(Int)
    /// speexdsp refused, with its own code and message (`speex_resampler_strerror`).
    case library(code: Int32, message: String)

    public var description: String {
        switch self {
        case .unsupportedSampleRate(let rate):
            let list = Resampler.supportedSampleRates.map(String.init).joined(separator: ", ")
            return "the resampler does not convert \(rate) Hz; it converts between \(list) Hz"
        case .unsupportedChannelCount(let count):
            let range = Resampler.supportedChannelCounts
            return "the resampler does not take \(count) channels; give \(range.lowerBound) to \(range.upperBound)"
        case .unsupportedQuality(let quality):
            let range = Resampler.supportedQualities
            return "resampler quality \(quality) does not exist; give \(range.lowerBound) to \(range.upperBound)"
        case .library(let code, let message):
            return "speexdsp resampler error \(code): \(message)"
        }
    }
}
