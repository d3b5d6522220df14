import AudioCore
import Codecs
import Foundation
import Voice

/// `attendant denoise <in> <out>`: runs a file through a call's voice processing, to hear what the recognizer
/// hears.
struct DenoiseCommand: Command {
    let name = "denoise"
    let summary = "Run a file through the call's noise suppression, gain and echo control"
    let usage = """
        Usage: attendant denoise <input> <output.wav> [options]

        Reads any file 'attendant convert' reads, mixes it to mono at 16 kHz (8 kHz when the input is 8 kHz),
        runs it through webrtc-audio-processing in 10 ms blocks as a call would, and writes a 16-bit WAV file.
        A trailing part block shorter than 10 ms is dropped.

        Options:
          --profile PROFILE      line (high-pass filter, noise suppression, gain; the default) or headset
                                 (adds the echo canceller).
          --level LEVEL          Noise suppression: low, moderate (default), high or veryhigh.
          --reference FILE       headset only: the far-end audio (what was played to the caller) whose echo the
                                 canceller removes from the input, aligned with the input's start.
          --in-rate HZ           Sample rate of headerless input (required for raw PCM).
          --in-channels N        Channel count of headerless input (default 1).
          --in-encoding ENCODING Encoding of headerless PCM input (default pcm16).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: [],
            options: RawInputOptions.optionNames(prefix: "in-").union(["profile", "level", "reference"]))
        let inputPath = try parsed.positional(0, named: "input")
        let outputPath = try parsed.positional(1, named: "output.wav")
        try parsed.expectPositionalCount(atMost: 2)
        guard URL(fileURLWithPath: outputPath).pathExtension.lowercased() == "wav" else {
            throw UsageError("the output must be a .wav file, not '\(outputPath)'")
        }
        let profileName = try parsed.choice("profile", from: VoiceProcessingProfile.allCases.map(\.rawValue))
        let profile = profileName.flatMap(VoiceProcessingProfile.init(rawValue:)) ?? .line
        let levelName = try parsed.choice("level", from: NoiseSuppressionLevel.allCases.map(\.rawValue))
        let level = levelName.flatMap(NoiseSuppressionLevel.init(rawValue:)) ?? .moderate
        let referencePath = parsed.options["reference"]
        if referencePath != nil && profile != .headset {
            throw UsageError("--reference feeds the echo canceller; use it with --profile headset")
        }

        let inputKind = AudioFileKind.forInput(inputPath)
        let inputOptions = try RawInputOptions(parsed, prefix: "in-")
        let inputURL = URL(fileURLWithPath: inputPath)
        let rawFormat = try inputOptions.rawFormat(for: inputKind, path: inputPath, prefix: "in-")
        let reader =
            try rawFormat.map { try AudioFileReader(contentsOf: inputURL, rawFormat: $0) }
            ?? AudioFileReader(contentsOf: inputURL)
        let sampleRate = reader.fileDescription.format.sampleRate == 8000 ? 8000 : 16000
        let input = try ConvertingAudioFileReader(reader, sampleRate: sampleRate, channelCount: 1)
        let reference = try referencePath.map {
            try ConvertingAudioFileReader(
                AudioFileReader(contentsOf: URL(fileURLWithPath: $0)), sampleRate: sampleRate, channelCount: 1)
        }

        let processor = try VoiceProcessor(profile: profile, sampleRate: sampleRate, noiseSuppressionLevel: level)
        let writer = try AudioFileWriter(
            url: URL(fileURLWithPath: outputPath), format: .wav(sampleRate: sampleRate, channelCount: 1))
        var block = [Float](repeating: 0, count: processor.frameCount)
        var farBlock = [Float](repeating: 0, count: processor.frameCount)
        var frameCount = 0
        while try block.withUnsafeMutableBufferPointer({ try input.read(into: $0) }) == block.count {
            if let reference {
                let farFrameCount = try farBlock.withUnsafeMutableBufferPointer { try reference.read(into: $0) }
                for index in farFrameCount..<farBlock.count {
                    farBlock[index] = 0
                }
                _ = farBlock.withUnsafeBufferPointer { processor.analyzeRender($0) }
            }
            _ = block.withUnsafeMutableBufferPointer { processor.processCapture($0) }
            try writer.write(block)
            frameCount += block.count
        }
        try writer.finish()

        let seconds = String(format: "%.2f", Double(frameCount) / Double(sampleRate))
        console.print(
            "\(outputPath): \(sampleRate) Hz mono, \(frameCount) frames (\(seconds) s), profile \(profile), noise "
                + "suppression \(level)")
        if processor.failedBlockCount > 0 {
            console.printError(
                "attendant denoise: \(processor.failedBlockCount) blocks were left unprocessed "
                    + "(\(processor.lastError.map(String.init(describing:)) ?? "unknown error"))")
            return ExitStatus.failure
        }
        if profile == .headset, let delay = processor.echoMetrics.medianDelayMilliseconds {
            console.print("echo delay (median, as the canceller reports it): \(delay) ms")
        }
        return ExitStatus.success
    }
}
