import Foundation
import Recognition
import Spotting
import Understanding

/// `attendant transcribe <audio>`: what the recognizer hears in a file, in one context.
struct TranscribeCommand: Command {
    let name = "transcribe"
    let summary = "Recognize speech in an audio file with one recognition context"
    let usage = """
        Usage: attendant transcribe <audio> [--context NAME] [--names LIST] [--common-names] [--understand] [--json]

        Decodes the file with pocketsphinx and the context's own grammar and dictionary (every context also
        hears the emergency phrases), and prints the text, its confidence, the
        words with their times, and the CPU time per audio second. The confidence (0 to 1) compares the
        hypothesis with a phone loop on the same audio; under 0.5 the turn is rejected as not in the context
        ("(rejected: not in context)", JSON "rejected": true). The open context measures none (null). Audio at any
        rate is converted to 16 kHz mono.

        With --understand, the partial hypotheses feed the urgency monitor as the audio is decoded (100 ms at a
        time, as during a call), the embedding spotter's urgent head listens to the same audio, and the final
        text goes through the understanding layer: the output adds the intent, its confidence, and the fused
        urgency (either detector flags it; its confidence and when, in audio seconds, it was first flagged, beside
        the end of the last word, so "flagged before the end of the turn" can be checked).

        Options:
          --understand    Also report intent and urgency (doctors of the default practice: Grant, Patel, Lee).
          --context NAME  One of: \(RecognitionContext.allCases.map(\.rawValue).joined(separator: ", ")) (default digits).
          --names LIST    For the name context (the others ignore it): the names it hears, comma-separated ("Grant,Patel,Maria Gonzalez";
                          default: the practice's doctors, \(RecognitionContext.defaultNames.joined(separator: ",")));
                          names the dictionary lacks get guessed pronunciations.
          --common-names  For the name context: also hear any common given name with any common family name
                          ("kevin ward"), for a caller who is not yet a patient (Recognition's CommonNames).
          --json          One JSON object instead of text.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "understand", "common-names"], options: ["context", "names"])
        let path = try parsed.positional(0, named: "audio")
        try parsed.expectPositionalCount(atMost: 1)
        let contextName = try parsed.choice("context", from: RecognitionContext.allCases.map(\.rawValue)) ?? "digits"
        let context = RecognitionContext(rawValue: contextName)!

        let names = try Self.names(parsed)

        let samples = try SpeechAudio.read(path)
        let recognizer = try Recognizer(
            context: context, names: names, includesCommonNames: parsed.has("common-names"))
        var monitor = UrgencyMonitor()
        var urgentAtSeconds: Double?
        let start = threadCPUSeconds()
        try recognizer.startTurn()
        let blockFrameCount = Recognizer.sampleRate / 10
        var blockStart = 0
        while blockStart < samples.count {
            let blockEnd = min(blockStart + blockFrameCount, samples.count)
            try samples.withUnsafeBufferPointer { (buffer) throws(RecognitionError) in
                try recognizer.process(UnsafeBufferPointer(rebasing: buffer[blockStart..<blockEnd]))
            }
            if parsed.has("understand"), urgentAtSeconds == nil, let partial = recognizer.partialText,
                monitor.feed(partial) != nil
            {
                urgentAtSeconds = Double(blockEnd) / Double(Recognizer.sampleRate)
            }
            blockStart = blockEnd
        }
        let result = try recognizer.finishTurn()
        let cpuSeconds = threadCPUSeconds() - start
        let realTimeFactor = result.audioSeconds > 0 ? cpuSeconds / result.audioSeconds : 0
        var understanding: Understanding?
        var fusion = UrgencyFusion()
        var spotterNote: String?
        if parsed.has("understand") {
            let understander = Understander(doctors: UnderstandCommand.defaultDoctors, calendar: Calendar.current)
            understanding = understander.understand(result.text, now: Date())
            if urgentAtSeconds == nil, monitor.feed(result.text, isFinal: true) != nil {
                urgentAtSeconds = result.audioSeconds
            }
            if let finding = understanding?.urgency {
                fusion.add(
                    UrgencyFusion.Signal(
                        source: .text(finding), seconds: urgentAtSeconds ?? result.audioSeconds,
                        confidence: result.confidence ?? 1))
            }
            do {
                if let firing = try UrgentSpotting(threshold: nil).detections(in: samples).first {
                    fusion.add(
                        UrgencyFusion.Signal(
                            source: .spotter, seconds: firing.reportedSeconds, confidence: Double(firing.score) / 1000))
                }
            } catch {
                spotterNote = "spotter unavailable: \(error)"
            }
        }
        let speechEndSeconds = result.words.last?.endSeconds

        if parsed.has("json") {
            let words = result.words.map { word in
                "{\"word\":\(jsonString(word.text)),\"start\":\(Self.seconds(word.startSeconds)),"
                    + "\"end\":\(Self.seconds(word.endSeconds))}"
            }
            console.print(
                "{\"file\":\(jsonString(path)),\"context\":\(jsonString(contextName)),\"text\":\(jsonString(result.text)),"
                    + "\"confidence\":\(result.confidence.map { String(format: "%.3f", $0) } ?? "null"),"
                    + "\"rejected\":\(result.isRejected),\"audioSeconds\":"
                    + "\(Self.seconds(result.audioSeconds)),\"realTimeFactor\":\(String(format: "%.4f", realTimeFactor)),"
                    + "\"words\":[\(words.joined(separator: ","))]"
                    + Self.understandingJSON(understanding, fusion: fusion, speechEnd: speechEndSeconds)
                    + "}")
        } else {
            console.print(result.text.isEmpty ? "(nothing recognized)" : result.text)
            if result.isRejected {
                console.print("(rejected: not in context)")
            }
            console.print(
                "confidence \(result.confidence.map { String(format: "%.3f", $0) } ?? "n/a"), "
                    + "\(Self.seconds(result.audioSeconds)) s of audio, "
                    + "\(String(format: "%.4f", realTimeFactor)) CPU s per audio s")
            for word in result.words {
                console.print("  \(Self.seconds(word.startSeconds))-\(Self.seconds(word.endSeconds))  \(word.text)")
            }
            if let understanding {
                console.print(
                    "intent \(understanding.intent.rawValue) (confidence \(String(format: "%.2f", understanding.confidence)))"
                )
                if fusion.isUrgent {
                    let what =
                        fusion.finding.map { "\($0.category.rawValue) (\"\($0.phrase)\")" } ?? "by the spotter alone"
                    let sources = fusion.signals.map { signal in
                        let name: String
                        if case .text = signal.source { name = "text" } else { name = "spotter" }
                        return "\(name) at \(Self.seconds(signal.seconds)) s"
                    }
                    let end = speechEndSeconds.map { ", speech ended at \(Self.seconds($0)) s" } ?? ""
                    console.print(
                        "URGENT: \(what), confidence \(String(format: "%.2f", fusion.confidence)); "
                            + sources.joined(separator: ", ") + end)
                }
                if let spotterNote { console.print(spotterNote) }
            }
        }
        return ExitStatus.success
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

    /// The `--names` list, or the practice's default doctors; contexts other than `name` ignore it.
    ///
    /// - Throws: `UsageError` when the list is given but names no one.
    static func names(_ parsed: ParsedArguments) throws -> [String] {
        guard let text = parsed.options["names"] else { return RecognitionContext.defaultNames }
        let names = UnderstandCommand.doctorList(text)
        guard !names.isEmpty else { throw UsageError("--names needs at least one name, e.g. --names \"Grant,Patel\"") }
        return names
    }

    /// The `--understand` members of the JSON object, with a leading comma; empty without the flag.
    static func understandingJSON(_ understanding: Understanding?, fusion: UrgencyFusion, speechEnd: Double?) -> String
    {
        guard let understanding else { return "" }
        var urgency = "null"
        if fusion.isUrgent {
            func time(_ isText: Bool) -> String {
                let signal = fusion.signals.first { signal in
                    if case .text = signal.source { return isText }
                    return !isText
                }
                return signal.map { Self.seconds($0.seconds) } ?? "null"
            }
            urgency =
                "{\"category\":\(fusion.finding.map { jsonString($0.category.rawValue) } ?? "null"),"
                + "\"phrase\":\(fusion.finding.map { jsonString($0.phrase) } ?? "null"),"
                + "\"flaggedAtSeconds\":\(fusion.flaggedAtSeconds.map(Self.seconds) ?? "null"),"
                + "\"confidence\":\(String(format: "%.3f", fusion.confidence)),"
                + "\"textAtSeconds\":\(time(true)),\"spotterAtSeconds\":\(time(false))}"
        }
        return ",\"intent\":\(jsonString(understanding.intent.rawValue)),"
            + "\"intentConfidence\":\(String(format: "%.3f", understanding.confidence)),\"urgency\":\(urgency),"
            + "\"speechEndSeconds\":\(speechEnd.map(Self.seconds) ?? "null")"
    }
}
