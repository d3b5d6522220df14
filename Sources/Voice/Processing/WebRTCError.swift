/// An error code from webrtc-audio-processing (`webrtc::AudioProcessing::Error`), with its meaning.
///
/// The shim returns these as negative integers; this keeps the library's own code so that a report can be matched
/// against webrtc's sources.
///
/// Real-time safe: no locks, no allocation (the value); `message` builds a string. Any thread.
public struct WebRTCError: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// webrtc's code, 0 or negative.
    public let rawValue: Int32

    /// Wraps a code as the shim returned it.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `kUnspecifiedError`: webrtc failed without saying why.
    public static let unspecified = WebRTCError(rawValue: -1)
    /// `kCreationFailedError`: an instance or one of its components could not be allocated.
    public static let creationFailed = WebRTCError(rawValue: -2)
    /// `kUnsupportedComponentError`.
    public static let unsupportedComponent = WebRTCError(rawValue: -3)
    /// `kUnsupportedFunctionError`.
    public static let unsupportedFunction = WebRTCError(rawValue: -4)
    /// `kNullPointerError`.
    public static let nullPointer = WebRTCError(rawValue: -5)
    /// `kBadParameterError`: a level or setting out of its range.
    public static let badParameter = WebRTCError(rawValue: -6)
    /// `kBadSampleRateError`: not 8, 16, 32 or 48 kHz.
    public static let badSampleRate = WebRTCError(rawValue: -7)
    /// `kBadDataLengthError`: a block that is not 10 ms long.
    public static let badDataLength = WebRTCError(rawValue: -8)
    /// `kBadNumberChannelsError`.
    public static let badChannelCount = WebRTCError(rawValue: -9)
    /// `kStreamParameterNotSetError`: the echo canceller ran without a stream delay.
    public static let streamParameterNotSet = WebRTCError(rawValue: -11)
    /// `kNotEnabledError`: a metric was asked of a component that is off.
    public static let notEnabled = WebRTCError(rawValue: -12)
    /// `kBadStreamParameterWarning`: a stream delay out of range, clamped by webrtc; processing went on.
    public static let badStreamParameter = WebRTCError(rawValue: -13)

    /// webrtc's name for the code and what it means.
    public var message: String {
        switch self {
        case .unspecified: return "kUnspecifiedError: webrtc failed without a reason"
        case .creationFailed: return "kCreationFailedError: could not allocate the processor"
        case .unsupportedComponent: return "kUnsupportedComponentError: component not built into this library"
        case .unsupportedFunction: return "kUnsupportedFunctionError: function not supported"
        case .nullPointer: return "kNullPointerError: a buffer or handle was missing"
        case .badParameter: return "kBadParameterError: a setting is out of range"
        case .badSampleRate: return "kBadSampleRateError: the rate must be 8000, 16000, 32000 or 48000 Hz"
        case .badDataLength: return "kBadDataLengthError: a block must hold 10 ms of frames"
        case .badChannelCount: return "kBadNumberChannelsError: unsupported channel count"
        case .streamParameterNotSet: return "kStreamParameterNotSetError: the stream delay was not set"
        case .notEnabled: return "kNotEnabledError: the component is switched off"
        case .badStreamParameter: return "kBadStreamParameterWarning: a stream parameter was clamped"
        default: return "webrtc error \(self.rawValue)"
        }
    }

    public var description: String { "webrtc-audio-processing error \(self.rawValue) (\(self.message))" }
}
