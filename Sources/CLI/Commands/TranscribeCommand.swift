import Foundation
import Recognition

/// `attendant transcribe <audio>`: what the recognizer hears in a file, in one context.
struct TranscribeCommand: Command {
    let name = "transcribe"
    let summary = "Recognize speech in an audio file with one recognition context"
    let usage = """
        Usage: attendant transcribe <audio> [--context NAME] [--json]

        Decodes the file with pocketsphinx and the context's own grammar and dictionary (every context also
        hears the emergency phrases), and prints the text, its confidence, the
        words with their times, and the CPU time per audio second. (No confidence measure exists yet for grammar
        searches: the field stays null.) Audio at any rate is converted to 16 kHz mono.

        Options:
          --context NAME  One of: \(RecognitionContext.allCases.map(\.rawValue).joined(separator: ", ")) (default digits).
          --json          One JSON object instead of text.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["context"])
        let path = try parsed.positional(0, named: "audio")
        try parsed.expectPositionalCount(atMost: 1)
        let contextName = try parsed.choice("context", from: RecognitionContext.allCases.map(\.rawValue)) ?? "digits"
        let context = RecognitionContext(rawValue: contextName)!

        let samples = try SpeechAudio.read(path)
        let recognizer = try Recognizer(context: context)
        let start = threadCPUSeconds()
        let result = try recognizer.recognize(samples)
        let cpuSeconds = threadCPUSeconds() - start
        let realTimeFactor = result.audioSeconds > 0 ? cpuSeconds / result.audioSeconds : 0

        if parsed.has("json") {
            let words = result.words.map { word in
                "{\"word\":\(jsonString(word.text)),\"start\":\(Self.seconds(word.startSeconds)),"
                    + "\"end\":\(Self.seconds(word.endSeconds))}"
            }
            console.print(
                "{\"file\":\(jsonString(path)),\"context\":\(jsonString(contextName)),\"text\":\(jsonString(result.text)),"
                    + "\"confidence\":\(result.confidence.map { String(format: "%.3f", $0) } ?? "null"),\"audioSeconds\":"
                    + "\(Self.seconds(result.audioSeconds)),\"realTimeFactor\":\(String(format: "%.4f", realTimeFactor)),"
                    + "\"words\":[\(words.joined(separator: ","))]}")
        } else {
            console.print(result.text.isEmpty ? "(nothing recognized)" : result.text)
            console.print(
                "confidence \(result.confidence.map { String(format: "%.3f", $0) } ?? "n/a"), "
                    + "\(Self.seconds(result.audioSeconds)) s of audio, "
                    + "\(String(format: "%.4f", realTimeFactor)) CPU s per audio s")
            for word in result.words {
                console.print("  \(Self.seconds(word.startSeconds))-\(Self.seconds(word.endSeconds))  \(word.text)")
            }
        }
        return ExitStatus.success
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
}
