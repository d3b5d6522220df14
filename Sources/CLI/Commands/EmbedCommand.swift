import Codecs
import Foundation
import Spotting

/// `attendant embed <audio> [--json]`: the speech embeddings of a file, one per 80 ms, as the spotter's head
/// training scripts read them. Not listed in `attendant --help`: it is a tool's data source, not a user's command.
struct EmbedCommand: Command {
    let name = "embed"
    let summary = "Print the speech embeddings of an audio file, one per 80 ms (input to spotter training)"
    let isHidden = true
    let usage = """
        Usage: attendant embed <audio> [--json]

        Runs Attendant's speech embedder (Google's speech-embedding network, models/speech-embedding.bin
        from tools/fetch-speech-embedding; ATTENDANT_MODEL_DIR names another folder) over the audio,
        downmixed to mono and resampled to 16 kHz when it is at another rate, and prints one tab-separated
        line per embedding: the end of its 76-frame window in seconds, then its 96 values. The first
        embedding ends at 0.8 s; a file shorter than that has none.
          --json    One JSON object: the file, the weights, the hop, and the embeddings with their end times.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: [])
        let path = try parsed.positional(0, named: "audio")
        try parsed.expectPositionalCount(atMost: 1)

        let weights = try SpeechEmbeddingWeights.load()
        let reader = try AudioFileReader(contentsOf: URL(fileURLWithPath: path))
        let samples = try ConvertingAudioFileReader(reader, sampleRate: SpeechEmbedder.sampleRate, channelCount: 1)
            .readAll()
        let embedder = SpeechEmbedder(weights: weights)
        let chunkSeconds = Double(MelFrontEnd.chunkSampleCount) / Double(SpeechEmbedder.sampleRate)
        var embeddings: [(endSeconds: Double, values: [Float])] = []
        samples.withUnsafeBufferPointer { buffer in
            embedder.process(buffer) { chunk in
                guard let embedding = chunk.embedding else { return }
                embeddings.append((Double(chunk.index + 1) * chunkSeconds, Array(embedding)))
            }
        }

        if parsed.flags.contains("json") {
            let object: [String: Any] = [
                "audio": path, "weights": weights.path, "sample_rate": SpeechEmbedder.sampleRate,
                "hop_seconds": chunkSeconds, "window_frames": SpeechEmbeddingArchitecture.windowFrameCount,
                "embeddings": embeddings.map { ["end_seconds": $0.endSeconds, "values": $0.values.map(Double.init)] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            console.print(String(decoding: data, as: UTF8.self))
        } else {
            let lines = embeddings.map { embedding in
                ([String(format: "%.2f", embedding.endSeconds)] + embedding.values.map { String($0) })
                    .joined(separator: "\t")
            }
            if !lines.isEmpty { console.print(lines.joined(separator: "\n")) }
        }
        return ExitStatus.success
    }
}
