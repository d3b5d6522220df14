/// Attendant's Opus packet file: the packets of one stream, in order, for `attendant convert` and packet replay.
///
/// It is a plain container without Ogg: a fixed header, then length-prefixed packets. A lost packet is recorded as
/// a zero length so that replay reproduces the gap and the decoder conceals or recovers it. All integers are
/// little-endian.
///
/// ```
/// offset  bytes  field
///      0      8  magic, the ASCII bytes "ATOPUSPK"
///      8      2  version, 1
///     10      2  header byte count, 24 in version 1; a reader skips any bytes past the fields it knows
///     12      4  sample rate in Hz: 8000, 12000, 16000, 24000 or 48000
///     16      2  channel count: 1 or 2
///     18      2  frames per packet (per channel): 10, 20, 40 or 60 ms at the sample rate
///     20      2  pre-skip: frames of decoder output to drop at the start (the encoder's lookahead)
///     22      2  reserved, 0
///     24         packet records to the end of the file, each:
///                  2 bytes  byte count n (0 ... OpusDecoder.maximumPacketByteCount); 0 marks a lost packet
///                  n bytes  the Opus packet
/// ```
///
/// A file ends after a whole record; anything else is reported as truncated.
public enum OpusPacketFile {
    /// The first eight bytes of every packet file.
    public static let magic: [UInt8] = Array("ATOPUSPK".utf8)

    /// The version this code writes and reads.
    public static let version = 1

    /// The header size this code writes.
    public static let headerByteCount = 24
}

/// The stream description at the start of an Opus packet file.
///
/// Real-time safe: no locks, no allocation.
public struct OpusPacketFileHeader: Sendable, Hashable {
    /// Sample rate in Hz.
    public var sampleRate: Int
    /// 1 or 2.
    public var channelCount: Int
    /// Frames per channel in each packet.
    public var packetFrameCount: Int
    /// Frames of decoder output to drop at the start: the encoder's lookahead.
    public var preSkipFrameCount: Int

    public init(sampleRate: Int, channelCount: Int, packetFrameCount: Int, preSkipFrameCount: Int) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.packetFrameCount = packetFrameCount
        self.preSkipFrameCount = preSkipFrameCount
    }

    /// The header for packets from `encoder`.
    public init(for encoder: OpusEncoder) {
        self.init(
            sampleRate: encoder.configuration.sampleRate, channelCount: encoder.configuration.channelCount,
            packetFrameCount: encoder.packetFrameCount, preSkipFrameCount: encoder.lookaheadFrameCount)
    }

    /// What is wrong with the header, or `nil` when it describes a stream this code can write and read.
    var problem: OpusPacketFileError.Problem? {
        if !OpusError.supportedSampleRates.contains(self.sampleRate) {
            return .unsupportedSampleRate(self.sampleRate)
        }
        if self.channelCount != 1 && self.channelCount != 2 {
            return .unsupportedChannelCount(self.channelCount)
        }
        if OpusFrameDuration(frameCount: self.packetFrameCount, sampleRate: self.sampleRate) == nil {
            return .unsupportedPacketFrameCount(self.packetFrameCount, sampleRate: self.sampleRate)
        }
        if !(0...Int(UInt16.max)).contains(self.preSkipFrameCount) {
            return .preSkipOutOfRange(self.preSkipFrameCount)
        }
        return nil
    }
}

/// One record of an Opus packet file.
public enum OpusPacketRecord: Sendable, Hashable {
    /// A received packet.
    case packet([UInt8])
    /// A packet that was lost (recorded as a zero length).
    case lost
}

/// Why an Opus packet file could not be read or written; names the file and what is wrong with it.
///
/// Not real-time safe: control thread only (it holds a path string).
public struct OpusPacketFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Hashable, Sendable {
        /// The file could not be opened, read, written or renamed; the system's reason.
        case inputOutput(String)
        /// The file does not start with the packet file magic.
        case notAPacketFile
        /// A version this code does not read.
        case unsupportedVersion(Int)
        /// The file ends inside the header.
        case truncatedHeader(byteCount: Int)
        /// The header says it is shorter than the version-1 fields.
        case headerTooShort(byteCount: Int)
        /// The header's sample rate is not an Opus rate.
        case unsupportedSampleRate(Int)
        /// The header's channel count is not 1 or 2.
        case unsupportedChannelCount(Int)
        /// The header's frames per packet is not 10, 20, 40 or 60 ms at its sample rate.
        case unsupportedPacketFrameCount(Int, sampleRate: Int)
        /// The pre-skip does not fit the header field.
        case preSkipOutOfRange(Int)
        /// The file ends inside the 2-byte length of packet `index` (from 0).
        case truncatedLength(index: Int)
        /// Packet `index` (from 0) says `byteCount` bytes but only `availableByteCount` remain.
        case truncatedPacket(index: Int, byteCount: Int, availableByteCount: Int)
        /// Packet `index` is longer than any Opus packet.
        case packetTooLarge(index: Int, byteCount: Int)
        /// The writer was used after `finish()`.
        case writerFinished
    }

    /// The file's path.
    public let path: String
    /// What is wrong.
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        let detail =
            switch self.problem {
            case .inputOutput(let reason): reason
            case .notAPacketFile: "not an Attendant Opus packet file (the first 8 bytes are not \"ATOPUSPK\")"
            case .unsupportedVersion(let version):
                "packet file version \(version) is not supported; this build reads version \(OpusPacketFile.version)"
            case .truncatedHeader(let byteCount):
                "the file is \(byteCount) bytes, shorter than the \(OpusPacketFile.headerByteCount)-byte header"
            case .headerTooShort(let byteCount):
                "the header claims \(byteCount) bytes; version 1 needs at least \(OpusPacketFile.headerByteCount)"
            case .unsupportedSampleRate(let sampleRate):
                "sample rate \(sampleRate) Hz is not an Opus rate (8000, 12000, 16000, 24000 or 48000 Hz)"
            case .unsupportedChannelCount(let channelCount): "channel count \(channelCount) is not 1 or 2"
            case .unsupportedPacketFrameCount(let frameCount, let sampleRate):
                "\(frameCount) frames per packet is not 10, 20, 40 or 60 ms at \(sampleRate) Hz"
            case .preSkipOutOfRange(let frameCount): "pre-skip \(frameCount) frames does not fit in 0 ... 65535"
            case .truncatedLength(let index):
                "the file ends inside the length of packet \(index); the file was cut short"
            case .truncatedPacket(let index, let byteCount, let availableByteCount):
                "packet \(index) claims \(byteCount) bytes but the file ends after \(availableByteCount); "
                    + "the file was cut short"
            case .packetTooLarge(let index, let byteCount):
                "packet \(index) is \(byteCount) bytes, over the \(OpusDecoder.maximumPacketByteCount)-byte Opus maximum"
            case .writerFinished: "the packet file was already finished; make a new writer"
            }
        return "\(self.path): \(detail)"
    }
}
