import AudioCore
import Codecs
import Foundation

/// `attendant convert <in> <out>`: between WAV, FLAC (input), raw PCM, raw G.711 and Opus packet files.
struct ConvertCommand: Command {
    let name = "convert"
    let summary = "Convert between WAV, FLAC, raw PCM, G.711 and Opus packet files"
    let usage = """
        Usage: attendant convert <input> <output> [options]

        The output's extension picks its format: .wav, .raw/.pcm (16-bit PCM unless --encoding says otherwise),
        .ulaw/.pcmu and .alaw/.pcma (headerless G.711, 8 kHz mono by default) or .opkt (Opus packet file, mono,
        20 ms packets). The input may be any of those or FLAC; WAV, FLAC and packet files are recognised by content.
        Rate and channel count are converted as needed (mono mixdown, speexdsp resampling). The output is written
        to a temporary file and renamed into place, so a failed conversion leaves nothing half-written.

        Options:
          --rate HZ              Output sample rate (default: the input's; 8000 for G.711; for Opus the input's
                                 when Opus supports it, else 16000).
          --channels N           Output channel count (default: the input's; G.711 and Opus are mono).
          --encoding ENCODING    Output sample encoding for .wav and .raw: \(AudioSampleEncoding.allCases.map(\.rawValue).joined(separator: ", ")) (default pcm16).
          --in-rate HZ           Sample rate of headerless input (required for raw PCM; G.711 defaults to 8000).
          --in-channels N        Channel count of headerless input (default 1).
          --in-encoding ENCODING Encoding of headerless PCM input (default pcm16).
          --bitrate BPS          Opus bitrate in bits per second (default 24000).
          --complexity N         Opus complexity 0-10 (default 5).
          --fec                  Opus in-band forward error correction, tuned for 10 % packet loss.
        """

    static let opusSampleRates = [8000, 12000, 16000, 24000, 48000]

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["fec"],
            options: RawInputOptions.optionNames(prefix: "").union(RawInputOptions.optionNames(prefix: "in-"))
                .union(["bitrate", "complexity"]))
        let inputPath = try parsed.positional(0, named: "input")
        let outputPath = try parsed.positional(1, named: "output")
        try parsed.expectPositionalCount(atMost: 2)
        let inputOptions = try RawInputOptions(parsed, prefix: "in-")
        let outputOptions = try RawInputOptions(parsed, prefix: "")
        let outputKind = try AudioFileKind.forOutput(outputPath)
        let inputKind = AudioFileKind.forInput(inputPath)

        // An Opus packet input is decoded first into a temporary WAV, which then goes through the same
        // conversion as any other file.
        let temporaryFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-convert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporaryFolder) }
        let reader: AudioFileReader
        if inputKind == .opusPackets {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
            let decoding = try OpusPacketDecoding(contentsOf: URL(fileURLWithPath: inputPath))
            let decodedURL = temporaryFolder.appendingPathComponent("decoded.wav")
            let writer = try AudioFileWriter(
                url: decodedURL,
                format: .wav(sampleRate: decoding.header.sampleRate, channelCount: decoding.header.channelCount))
            try writer.write(decoding.samples)
            try writer.finish()
            reader = try AudioFileReader(contentsOf: decodedURL)
        } else {
            let inputURL = URL(fileURLWithPath: inputPath)
            let rawFormat = try inputOptions.rawFormat(for: inputKind, path: inputPath, prefix: "in-")
            reader =
                try rawFormat.map { try AudioFileReader(contentsOf: inputURL, rawFormat: $0) }
                ?? AudioFileReader(contentsOf: inputURL)
        }

        let input = reader.fileDescription.format
        let target = try Self.targetFormat(for: outputKind, input: input, options: outputOptions)
        let converter = try ConvertingAudioFileReader(
            reader, sampleRate: target.sampleRate, channelCount: target.channelCount)
        let sink = try ConversionSinks.make(
            outputKind, url: URL(fileURLWithPath: outputPath), format: target, opus: Self.opusSettings(parsed))

        var block = [Float](repeating: 0, count: target.sampleRate / 10 * target.channelCount)
        var frameCount = 0
        while true {
            let read = try block.withUnsafeMutableBufferPointer { try converter.read(into: $0) }
            if read == 0 { break }
            try block.withUnsafeBufferPointer {
                try sink.write(UnsafeBufferPointer(rebasing: $0[0..<read * target.channelCount]))
            }
            frameCount += read
        }
        try sink.finish()

        let seconds = String(format: "%.3f", Double(frameCount) / Double(target.sampleRate))
        console.print("\(outputPath): \(sink.formatDescription), \(frameCount) frames (\(seconds) s)")
        return ExitStatus.success
    }

    /// The output's rate, channel count and encoding from its kind, the input and the options.
    static func targetFormat(
        for kind: AudioFileKind, input: AudioFileFormat, options: RawInputOptions
    ) throws -> AudioFileFormat {
        switch kind {
        case .audioFile, .rawPCM:
            let sampleRate = options.sampleRate ?? input.sampleRate
            let channelCount = options.channelCount ?? input.channelCount
            let encoding = options.encoding ?? .pcm16
            return kind == .rawPCM
                ? .raw(encoding: encoding, sampleRate: sampleRate, channelCount: channelCount)
                : .wav(encoding: encoding, sampleRate: sampleRate, channelCount: channelCount)
        case .rawG711(let law):
            guard options.channelCount ?? 1 == 1 else { throw UsageError("G.711 output is mono: --channels must be 1") }
            guard options.encoding == nil else { throw UsageError("--encoding does not apply to G.711 output") }
            return .raw(encoding: law == .muLaw ? .muLaw : .aLaw, sampleRate: options.sampleRate ?? 8000)
        case .opusPackets:
            guard options.channelCount ?? 1 == 1 else {
                throw UsageError("Opus packet output is mono: --channels must be 1")
            }
            guard options.encoding == nil else { throw UsageError("--encoding does not apply to Opus output") }
            let sampleRate =
                options.sampleRate ?? (Self.opusSampleRates.contains(input.sampleRate) ? input.sampleRate : 16000)
            guard Self.opusSampleRates.contains(sampleRate) else {
                throw UsageError(
                    "Opus runs at \(Self.opusSampleRates.map(String.init).joined(separator: ", ")) Hz, not \(sampleRate)"
                )
            }
            return .raw(encoding: .pcm16, sampleRate: sampleRate)
        }
    }

    static func opusSettings(_ parsed: ParsedArguments) throws -> OpusEncoder.Configuration {
        var configuration = OpusEncoder.Configuration()
        configuration.bitrate = try parsed.integer("bitrate", in: OpusEncoder.bitrateRange) ?? 24000
        configuration.complexity = try parsed.integer("complexity", in: OpusEncoder.complexityRange) ?? 5
        if parsed.has("fec") {
            configuration.isForwardErrorCorrectionEnabled = true
            configuration.expectedPacketLossPercentage = 10
        }
        return configuration
    }
}
