import Codecs
import Foundation

/// The kinds of file `attendant info` and `attendant convert` handle, told apart by content where a file has a
/// signature and by extension where it does not.
enum AudioFileKind: Equatable {
    /// WAV or FLAC, read and written through libsndfile.
    case audioFile
    /// Headerless PCM: the user gives rate, channel count and encoding.
    case rawPCM
    /// Headerless G.711 bytes, 8 kHz mono unless told otherwise.
    case rawG711(G711.Law)
    /// Attendant's Opus packet file.
    case opusPackets

    /// Extensions by kind, for messages and for classifying names.
    static let extensions: [(kind: AudioFileKind, extensions: [String])] = [
        (.audioFile, ["wav", "wave", "flac"]),
        (.rawPCM, ["raw", "pcm", "s16"]),
        (.rawG711(.muLaw), ["ulaw", "mulaw", "pcmu", "ul"]),
        (.rawG711(.aLaw), ["alaw", "pcma", "al"]),
        (.opusPackets, ["opkt"]),
    ]

    /// Every extension, for a usage error.
    static var acceptedExtensions: String {
        self.extensions.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
    }

    /// The kind an output file's name asks for.
    ///
    /// - Throws: `UsageError` naming the accepted extensions when the name has none of them.
    static func forOutput(_ path: String) throws -> AudioFileKind {
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let entry = self.extensions.first(where: { $0.extensions.contains(fileExtension) }) else {
            throw UsageError("cannot tell the format of '\(path)' from its name; use one of \(self.acceptedExtensions)")
        }
        return entry.kind
    }

    /// The kind of an existing input file: by its first bytes when they are a known signature, else by extension.
    /// An unknown extension is treated as WAV or FLAC, so libsndfile's own error names the problem.
    static func forInput(_ path: String) -> AudioFileKind {
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            let head = [UInt8](handle.readData(ofLength: 8))
            if head == OpusPacketFile.magic { return .opusPackets }
            if head.starts(with: Array("RIFF".utf8)) || head.starts(with: Array("RF64".utf8))
                || head.starts(with: Array("fLaC".utf8))
            {
                return .audioFile
            }
        }
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        return self.extensions.first { $0.extensions.contains(fileExtension) }?.kind ?? .audioFile
    }
}

/// What the user said about a headerless input: `--rate`, `--channels`, `--encoding` (or their `--in-` forms).
struct RawInputOptions {
    var sampleRate: Int?
    var channelCount: Int?
    var encoding: AudioSampleEncoding?

    /// The names the parser must accept, with `prefix` ("" or "in-").
    static func optionNames(prefix: String) -> Set<String> {
        ["\(prefix)rate", "\(prefix)channels", "\(prefix)encoding"]
    }

    init(_ parsed: ParsedArguments, prefix: String) throws {
        self.sampleRate = try parsed.integer("\(prefix)rate", in: AudioFileFormat.acceptedSampleRates)
        self.channelCount = try parsed.integer("\(prefix)channels", in: AudioFileFormat.acceptedChannelCounts)
        self.encoding = try parsed.choice(
            "\(prefix)encoding", from: AudioSampleEncoding.allCases.map(\.rawValue)
        ).flatMap(AudioSampleEncoding.init(rawValue:))
    }

    /// The layout of a headerless input of `kind`, or `nil` for files that describe themselves.
    ///
    /// - Throws: `UsageError` when raw PCM is given without its rate.
    func rawFormat(for kind: AudioFileKind, path: String, prefix: String) throws -> AudioFileFormat? {
        switch kind {
        case .audioFile, .opusPackets:
            return nil
        case .rawG711(let law):
            return .raw(
                encoding: law == .muLaw ? .muLaw : .aLaw, sampleRate: self.sampleRate ?? 8000,
                channelCount: self.channelCount ?? 1)
        case .rawPCM:
            guard let sampleRate = self.sampleRate else {
                throw UsageError(
                    "'\(path)' is headerless PCM: give its rate with --\(prefix)rate (and --\(prefix)encoding, --\(prefix)channels if not 16-bit mono)"
                )
            }
            return .raw(encoding: self.encoding ?? .pcm16, sampleRate: sampleRate, channelCount: self.channelCount ?? 1)
        }
    }
}
