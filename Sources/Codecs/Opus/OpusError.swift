import COpus

/// An error code from libopus, with the library's own message.
///
/// The code is kept as libopus returned it (`rawValue`, always negative); `message` is `opus_strerror`'s text.
/// Creating or comparing a value is real-time safe; reading `message` or `description` copies a string and is not.
public struct OpusLibraryError: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The negative Opus error code, for example -4 for `OPUS_INVALID_PACKET`.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The library's message for this code (`opus_strerror`).
    public var message: String { OpusLibrary.message(forErrorCode: self.rawValue) }

    public var description: String { "libopus error \(self.rawValue): \(self.message)" }

    /// `OPUS_BAD_ARG`: an argument was invalid or out of range.
    public static let badArgument = Self(rawValue: OPUS_BAD_ARG)
    /// `OPUS_BUFFER_TOO_SMALL`: the output buffer cannot hold the result.
    public static let bufferTooSmall = Self(rawValue: OPUS_BUFFER_TOO_SMALL)
    /// `OPUS_INTERNAL_ERROR`.
    public static let internalError = Self(rawValue: OPUS_INTERNAL_ERROR)
    /// `OPUS_INVALID_PACKET`: the packet is corrupt or not Opus.
    public static let invalidPacket = Self(rawValue: OPUS_INVALID_PACKET)
    /// `OPUS_UNIMPLEMENTED`: the request is not supported by this libopus.
    public static let unimplemented = Self(rawValue: OPUS_UNIMPLEMENTED)
    /// `OPUS_INVALID_STATE`: the encoder or decoder state is invalid or freed.
    public static let invalidState = Self(rawValue: OPUS_INVALID_STATE)
    /// `OPUS_ALLOC_FAIL`: memory allocation failed.
    public static let allocationFailed = Self(rawValue: OPUS_ALLOC_FAIL)
}

/// Why an Opus encoder or decoder could not be made or configured.
///
/// Thrown by initializers and setters, never on the audio path. Each message names the value and what is accepted.
public enum OpusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sample rate Opus does not run at.
    case unsupportedSampleRate(Int)
    /// A channel count other than 1 or 2.
    case unsupportedChannelCount(Int)
    /// A complexity outside 0 ... 10.
    case complexityOutOfRange(Int)
    /// A bitrate outside `OpusEncoder.bitrateRange`.
    case bitrateOutOfRange(Int)
    /// An expected packet loss outside 0 ... 100 percent.
    case packetLossPercentageOutOfRange(Int)
    /// libopus refused; `function` names the call.
    case library(OpusLibraryError, function: String)

    /// The sample rates Opus encodes and decodes at, in Hz.
    public static let supportedSampleRates = [8000, 12000, 16000, 24000, 48000]

    public var description: String {
        switch self {
        case .unsupportedSampleRate(let sampleRate):
            "sample rate \(sampleRate) Hz is not supported by Opus; use 8000, 12000, 16000, 24000 or 48000 Hz"
        case .unsupportedChannelCount(let channelCount):
            "channel count \(channelCount) is not supported; Opus here takes 1 (mono) or 2 (stereo) channels"
        case .complexityOutOfRange(let complexity):
            "complexity \(complexity) is out of range; use 0 (fastest) to 10 (best quality)"
        case .bitrateOutOfRange(let bitrate):
            "bitrate \(bitrate) bit/s is out of range; use \(OpusEncoder.bitrateRange.lowerBound) to "
                + "\(OpusEncoder.bitrateRange.upperBound) bit/s"
        case .packetLossPercentageOutOfRange(let percentage):
            "expected packet loss \(percentage) % is out of range; use 0 to 100 %"
        case .library(let error, let function):
            "\(function) failed: \(error)"
        }
    }
}

/// Why one packet could not be encoded or decoded.
///
/// Returned (never thrown) by `OpusEncoder.encode` and the `OpusDecoder` methods, so the audio path can count
/// failures without unwinding. Making one is real-time safe; `description` allocates and belongs on the control side.
public enum OpusCodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The encoder was handed a block of the wrong length: `sampleCount` samples where it needs `expected`.
    case wrongSampleCount(Int, expected: Int)
    /// A packet longer than `OpusDecoder.maximumPacketByteCount`.
    case packetTooLarge(byteCount: Int)
    /// A frame inside the packet claims more than the 1275 bytes Opus allows (RFC 6716, section 3.2).
    case frameTooLarge(byteCount: Int)
    /// The packet decodes to `packetFrameCount` frames but the output holds only `capacity` frames.
    case outputTooSmall(packetFrameCount: Int, capacity: Int)
    /// libopus refused the packet or buffer.
    case library(OpusLibraryError)

    public var description: String {
        switch self {
        case .wrongSampleCount(let sampleCount, let expected):
            "the encoder takes blocks of exactly \(expected) samples (one packet); got \(sampleCount)"
        case .packetTooLarge(let byteCount):
            "an Opus packet of \(byteCount) bytes is larger than the \(OpusDecoder.maximumPacketByteCount)-byte maximum"
        case .frameTooLarge(let byteCount):
            "the packet holds a frame of \(byteCount) bytes; an Opus frame has at most 1275 bytes"
        case .outputTooSmall(let packetFrameCount, let capacity):
            "the packet decodes to \(packetFrameCount) frames but the output buffer holds only \(capacity) frames; "
                + "make room for \(OpusDecoder.maximumPacketDurationMilliseconds) ms"
        case .library(let error):
            "\(error)"
        }
    }
}
