import Codecs
import Foundation

/// `attendant info <file>`: what an audio file or an Opus packet file holds, and how loud it is.
struct InfoCommand: Command {
    let name = "info"
    let summary = "Describe an audio file: format, rate, channels, length and level"
    let usage = """
        Usage: attendant info <file> [--json] [--rate HZ] [--channels N] [--encoding ENCODING]

        Describes WAV, FLAC, headerless PCM or G.711, and Opus packet files (.opkt): container, encoding, sample
        rate, channel count, length, and the peak and RMS level in dBFS. Headerless files are told apart by
        extension (\(AudioFileKind.acceptedExtensions)).

        Options:
          --json               One JSON object instead of text.
          --rate HZ            Sample rate of headerless input (required for raw PCM; G.711 defaults to 8000).
          --channels N         Channel count of headerless input (default 1).
          --encoding ENCODING  Encoding of raw PCM: \(AudioSampleEncoding.allCases.map(\.rawValue).joined(separator: ", ")) (default pcm16).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: RawInputOptions.optionNames(prefix: ""))
        let path = try parsed.positional(0, named: "file")
        try parsed.expectPositionalCount(atMost: 1)
        let rawOptions = try RawInputOptions(parsed, prefix: "")
        let url = URL(fileURLWithPath: path)

        let kind = AudioFileKind.forInput(path)
        var fields: [(String, String)]
        if kind == .opusPackets {
            fields = try Self.describeOpusPackets(url)
        } else {
            let rawFormat = try rawOptions.rawFormat(for: kind, path: path, prefix: "")
            fields = try Self.describeAudioFile(url, rawFormat: rawFormat)
        }

        if parsed.has("json") {
            let members = fields.map { "\(jsonString($0.0)):\(Self.jsonValue($0.1))" }
            console.print("{\(members.joined(separator: ","))}")
        } else {
            let width = fields.map(\.0.count).max() ?? 0
            for (key, value) in fields {
                console.print("\(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)")
            }
        }
        return ExitStatus.success
    }

    static func describeAudioFile(_ url: URL, rawFormat: AudioFileFormat?) throws -> [(String, String)] {
        let description = try AudioFileReader.describe(url, rawFormat: rawFormat)
        let reader =
            try rawFormat.map { try AudioFileReader(contentsOf: url, rawFormat: $0) }
            ?? AudioFileReader(contentsOf: url)
        var level = LevelMeter()
        var block = [Float](repeating: 0, count: 4096 * description.channelCount)
        while true {
            let frameCount = try block.withUnsafeMutableBufferPointer { try reader.read(into: $0) }
            if frameCount == 0 { break }
            level.add(block[0..<frameCount * description.channelCount])
        }

        var fields: [(String, String)] = [
            ("file", url.path),
            ("container", description.container.description),
            ("encoding", description.encoding.description),
            ("sampleRate", String(description.sampleRate)),
            ("channelCount", String(description.channelCount)),
            ("frameCount", String(description.frameCount)),
            ("durationSeconds", String(format: "%.3f", description.durationInSeconds)),
            ("byteCount", String(description.byteCount)),
            ("peakDBFS", level.peakDecibels),
            ("rmsDBFS", level.rmsDecibels),
        ]
        if description.isTruncated {
            fields.append(("warning", "truncated: the header promises more audio than the file holds"))
        }
        return fields
    }

    static func describeOpusPackets(_ url: URL) throws -> [(String, String)] {
        let decoding = try OpusPacketDecoding(contentsOf: url)
        var level = LevelMeter()
        level.add(decoding.samples.map { Float($0) / 32768 }[...])
        let header = decoding.header
        let seconds = Double(decoding.packetCount * header.packetFrameCount) / Double(header.sampleRate)
        let presentSeconds =
            Double((decoding.packetCount - decoding.lostPacketCount) * header.packetFrameCount)
            / Double(header.sampleRate)
        let bitrate = presentSeconds > 0 ? Double(decoding.payloadByteCount * 8) / presentSeconds : 0
        return [
            ("file", url.path),
            ("container", "Opus packet file"),
            ("encoding", "Opus"),
            ("sampleRate", String(header.sampleRate)),
            ("channelCount", String(header.channelCount)),
            ("packetCount", String(decoding.packetCount)),
            ("lostPacketCount", String(decoding.lostPacketCount)),
            ("packetMilliseconds", String(header.packetFrameCount * 1000 / header.sampleRate)),
            ("frameCount", String(decoding.frameCount)),
            ("durationSeconds", String(format: "%.3f", seconds)),
            ("averageBitrate", String(format: "%.0f", bitrate)),
            ("peakDBFS", level.peakDecibels),
            ("rmsDBFS", level.rmsDecibels),
        ]
    }

    /// Numbers stay numbers in JSON; everything else is a string.
    static func jsonValue(_ text: String) -> String {
        Double(text)?.isFinite == true ? text : jsonString(text)
    }
}

/// Peak and RMS level of float samples in −1…1.
struct LevelMeter {
    private var peak: Float = 0
    private var sumOfSquares: Double = 0
    private var sampleCount = 0

    mutating func add(_ samples: ArraySlice<Float>) {
        for sample in samples {
            self.peak = max(self.peak, abs(sample))
            self.sumOfSquares += Double(sample) * Double(sample)
        }
        self.sampleCount += samples.count
    }

    var peakDecibels: String { Self.decibels(Double(self.peak)) }

    var rmsDecibels: String {
        Self.decibels(self.sampleCount > 0 ? (self.sumOfSquares / Double(self.sampleCount)).squareRoot() : 0)
    }

    /// "-inf" for silence, else one decimal.
    static func decibels(_ amplitude: Double) -> String {
        amplitude > 0 ? String(format: "%.1f", 20 * log10(amplitude)) : "-inf"
    }
}
