import CSndFile

/// The containers Attendant reads and writes.
///
/// Real-time safe: no locks, no allocation. (`description` returns string literals.)
public enum AudioFileContainer: String, Sendable, CaseIterable, CustomStringConvertible {
    /// RIFF WAVE, including WAVE_FORMAT_EXTENSIBLE and RF64 headers when reading.
    case wav
    /// FLAC (read only).
    case flac
    /// Headerless samples; the caller supplies rate, channel count and encoding. Always little-endian.
    case raw

    public var description: String {
        switch self {
        case .wav: "WAV"
        case .flac: "FLAC"
        case .raw: "raw PCM"
        }
    }
}

/// The sample encodings Attendant reads and writes.
///
/// Real-time safe: no locks, no allocation. (`description` returns string literals.)
public enum AudioSampleEncoding: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Signed 16-bit integer PCM.
    case pcm16
    /// Signed 24-bit integer PCM.
    case pcm24
    /// Signed 32-bit integer PCM.
    case pcm32
    /// IEEE 754 32-bit float PCM, nominally in −1…1.
    case float32
    /// G.711 µ-law, 8 bits a sample.
    case muLaw
    /// G.711 A-law, 8 bits a sample.
    case aLaw

    public var description: String {
        switch self {
        case .pcm16: "16-bit PCM"
        case .pcm24: "24-bit PCM"
        case .pcm32: "32-bit PCM"
        case .float32: "32-bit float"
        case .muLaw: "µ-law"
        case .aLaw: "A-law"
        }
    }

    /// The bytes one sample of one channel takes in a file.
    public var byteCount: Int {
        switch self {
        case .pcm16: 2
        case .pcm24: 3
        case .pcm32, .float32: 4
        case .muLaw, .aLaw: 1
        }
    }

    /// A list of every encoding for messages, for example "16-bit PCM, 24-bit PCM, …".
    static var acceptedList: String { Self.allCases.map(\.description).joined(separator: ", ") }
}

/// How the samples of an audio file are laid out: container, encoding, rate and channel count.
///
/// Real-time safe: no locks, no allocation. (`description` builds a string and allocates.)
public struct AudioFileFormat: Hashable, Sendable, CustomStringConvertible {
    /// The sample rates a raw input, a written file or a conversion target may have, in hertz.
    ///
    /// Below 1 kHz nothing of speech survives; above 384 kHz no audio interface runs. A value outside is a typo
    /// or a swapped argument, and is refused before it reaches libsndfile.
    public static let acceptedSampleRates = 1_000...384_000

    /// The channel counts Attendant handles: mono up to 7.1.
    public static let acceptedChannelCounts = 1...8

    public var container: AudioFileContainer
    public var encoding: AudioSampleEncoding
    /// Frames per second.
    public var sampleRate: Int
    public var channelCount: Int

    public init(container: AudioFileContainer, encoding: AudioSampleEncoding, sampleRate: Int, channelCount: Int) {
        self.container = container
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// A WAV format; 16-bit PCM unless told otherwise.
    public static func wav(encoding: AudioSampleEncoding = .pcm16, sampleRate: Int, channelCount: Int = 1) -> Self {
        Self(container: .wav, encoding: encoding, sampleRate: sampleRate, channelCount: channelCount)
    }

    /// A headerless little-endian format; 16-bit PCM unless told otherwise.
    public static func raw(encoding: AudioSampleEncoding = .pcm16, sampleRate: Int, channelCount: Int = 1) -> Self {
        Self(container: .raw, encoding: encoding, sampleRate: sampleRate, channelCount: channelCount)
    }

    /// For example "WAV, 16-bit PCM, 16000 Hz, 1 channel".
    public var description: String {
        let channels = self.channelCount == 1 ? "1 channel" : "\(self.channelCount) channels"
        return "\(self.container), \(self.encoding), \(self.sampleRate) Hz, \(channels)"
    }

    /// Throws when the rate or channel count is outside what Attendant accepts.
    ///
    /// - Parameter path: the file the format belongs to, named in the error.
    func validate(path: String) throws(AudioFileError) {
        guard Self.acceptedSampleRates.contains(self.sampleRate) else {
            throw .invalidSampleRate(self.sampleRate, path: path)
        }
        guard Self.acceptedChannelCounts.contains(self.channelCount) else {
            throw .invalidChannelCount(self.channelCount, path: path)
        }
    }
}

// MARK: - libsndfile format values

extension AudioFileContainer {
    /// Maps libsndfile's major format; `nil` for a container Attendant does not accept.
    init?(sndFileFormat format: Int32) {
        switch format & Int32(SF_FORMAT_TYPEMASK) {
        case Int32(SF_FORMAT_WAV), Int32(SF_FORMAT_WAVEX), Int32(SF_FORMAT_RF64): self = .wav
        case Int32(SF_FORMAT_FLAC): self = .flac
        case Int32(SF_FORMAT_RAW): self = .raw
        default: return nil
        }
    }

    /// The libsndfile major format written for this container.
    var sndFileFormat: Int32 {
        switch self {
        case .wav: Int32(SF_FORMAT_WAV)
        case .flac: Int32(SF_FORMAT_FLAC)
        case .raw: Int32(SF_FORMAT_RAW)
        }
    }
}

extension AudioSampleEncoding {
    /// Maps libsndfile's subtype; `nil` for an encoding Attendant does not accept.
    init?(sndFileFormat format: Int32) {
        switch format & Int32(SF_FORMAT_SUBMASK) {
        case Int32(SF_FORMAT_PCM_16): self = .pcm16
        case Int32(SF_FORMAT_PCM_24): self = .pcm24
        case Int32(SF_FORMAT_PCM_32): self = .pcm32
        case Int32(SF_FORMAT_FLOAT): self = .float32
        case Int32(SF_FORMAT_ULAW): self = .muLaw
        case Int32(SF_FORMAT_ALAW): self = .aLaw
        default: return nil
        }
    }

    /// The libsndfile subtype for this encoding.
    var sndFileFormat: Int32 {
        switch self {
        case .pcm16: Int32(SF_FORMAT_PCM_16)
        case .pcm24: Int32(SF_FORMAT_PCM_24)
        case .pcm32: Int32(SF_FORMAT_PCM_32)
        case .float32: Int32(SF_FORMAT_FLOAT)
        case .muLaw: Int32(SF_FORMAT_ULAW)
        case .aLaw: Int32(SF_FORMAT_ALAW)
        }
    }
}

extension AudioFileFormat {
    /// The `SF_INFO` libsndfile needs to open headerless input or create a file in this format.
    var sndFileInfo: SF_INFO {
        var format = self.container.sndFileFormat | self.encoding.sndFileFormat
        if self.container == .raw {
            format |= Int32(SF_ENDIAN_LITTLE)
        }
        return SF_INFO(
            frames: 0, samplerate: Int32(self.sampleRate), channels: Int32(self.channelCount), format: format,
            sections: 0, seekable: 0)
    }
}
