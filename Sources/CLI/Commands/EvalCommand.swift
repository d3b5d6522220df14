import Foundation
import Recognition
import Understanding
import Voice

#if canImport(Glibc)
    import Glibc
#endif

/// `attendant eval <what> …`: evaluations over a data set. `vad` is the first; later issues add more sub-words.
struct EvalCommand: Command {
    let name = "eval"
    let summary = "Evaluate a component over a data set: 'eval vad|asr|kws|spot|request|understanding …'"
    let usage = """
        Usage: attendant eval vad <folder|manifest> [--json] [--silero DIR] [--trailing-silence MS]
                                  [--minimum-speech MS]
               attendant eval asr <transcripts.tsv> [--context NAME] [--names LIST] [--common-names] [--json]
                                  [--decoder-options "-name value ..."] [--phone-loop-options "-name value ..."]

        vad  Runs Attendant's voice-activity detector, WebRTC's (modes 0-3) and, where fixtures exist, Silero's
             recorded decisions over every labelled file, and prints frame-level accuracy, true-positive rate (TPR)
             and false-positive rate (FPR) on a 10 ms grid per file and in total. WebRTC's column is its best mode
             per file. The input is a folder (each .wav/.flac with '<name>.lab', '<name>.utt.lab' or
             '<track>.lab', track = name up to the first '_'), vad_concat's manifest.json, or a text manifest of
             '<audio> <labels.lab>' lines. A second table scores Attendant's turn events (endpointing): median
             end-of-turn delay, speech-start latency, turns split inside a labelled span, spans merged. Progress
             goes to standard error on a terminal.

        asr  Decodes every file of a TSV of 'audio path<TAB>transcript' lines (paths relative to the list) with one
             recognition context and prints word error rate, sentence accuracy and the real-time factor (CPU
             seconds per audio second) per file and in total.

        Options:
          --json        One JSON object instead of tables.
          --context NAME  For asr: \(RecognitionContext.allCases.map(\.rawValue).joined(separator: ", ")) (default digits).
          --names LIST  For asr with the name context: the names it hears, comma-separated (default
                        \(RecognitionContext.defaultNames.joined(separator: ","))).
          --common-names  For asr with the name context: also hear the common given and family names.
          --decoder-options, --phone-loop-options  For asr: pocketsphinx options over the context's own for its
                        decoder or its phone loop ("-ds 2 -topn 2"), to measure settings.
          --silero DIR  Where Silero fixtures are (default fixtures/vad/silero in the current directory).
          --trailing-silence MS  The endpointer's trailing silence for the endpointing table (default 150).
          --minimum-speech MS    The endpointer's minimum speech (default 100).

        Usage: attendant eval kws <set> [--json] [--misses] [--per-phone K] [--offset A] [--trailing-pad S]
                                        [--no-spotter] [--spotter-threshold P]

        kws  Runs pocketsphinx's keyword search for the urgent phrases (Recognition's UrgentKeyphrases) over
             labelled utterances, fed in 20 ms blocks, and prints, per voice and SNR and in total: urgent
             utterances detected and detected by the end of speech + 200 ms, other utterances with a detection (false
             alarms per utterance and per hour of their audio), and CPU seconds per audio second; then how often
             each phrase fired. The set is a tools/make-caller-corpus manifest.tsv whose ninth column is the
             urgent label (tools/make-urgent-sentences writes such sentences), or a TSV of 'audio<TAB>urgent' (1/0).
             --per-phone and --offset replace the tuned threshold rule, 10^-(offset + per-phone x phones);
             --trailing-pad is the silence after each file's speech (default 0.15 s, the corpus tool's padding).
             --misses lists missed, late and falsely alarmed utterances. Then the same table for the embedding
             spotter's urgent head on the same files (each after 1 s of quiet lead-in, in 10 ms blocks; its
             detections are named by the kind of emergency): --spotter-threshold replaces the head's threshold,
             --no-spotter leaves it out (it needs models/speech-embedding.bin, tools/setup).

        Usage: attendant eval spot <transcripts.tsv> [--head digits|yesno] [--json]

        spot  Runs a spotter head over a TSV of 'audio path<TAB>transcript' lines. The digits head classifies
             each file as one spoken digit ("oh" counts as zero) from its speech embeddings and prints accuracy,
             the misses, and the embedder's CPU cost. Needs models/speech-embedding.bin (tools/setup).

        Usage: attendant eval request <manifest.tsv> [--json] [--misses] [--cache FILE] [--threshold P]
                                      [--override P]

        request  Reads the caller's opening request three ways on the same recordings and prints intent accuracy
             per voice and SNR, per set and in total (with and without the emergency sentences), a confusion table
             for each, and a sweep of the fusion's thresholds: the pocketsphinx intent context and the understanding
             layer on its hypothesis (the baseline), the request-keyword head alone (its family at the head's
             threshold or more, else other; an urgent-head firing is emergency), and IntentFusion (the head fills
             in when the hypothesis is rejected or other). The set is a tools/make-caller-corpus manifest of
             tools/make-urgent-sentences output (intent in column 10). --cache FILE keeps the recognizer's
             hypotheses (read when the file exists, written when not); --threshold replaces the head's threshold,
             --override lets the head overrule an accepted hypothesis at that probability. Needs
             models/speech-embedding.bin (tools/setup).

        Usage: attendant eval understanding <set.jsonl> [--json] [--misses] [--doctors LIST] [--now ISO8601]

        understanding  Runs the text understanding layer over a labelled set and prints intent accuracy, slot
             accuracy (correct of expected, per slot, with how many were predicted), urgent recall and the
             false-alarm rate, and a confusion table of intents (rows: labelled, columns: predicted). The set is
             JSON lines: {"text", "intent", "urgent", "now", "slots"}; see README.md. The shipped sets are
             fixtures/understanding/tuning.jsonl (rules tuned on it) and heldout.jsonl (not used for tuning).

        Options:
          --json          One JSON object instead of tables.
          --misses        Also list every utterance with a wrong intent, slot or urgency.
          --doctors LIST  The practice's doctors, comma-separated (default: Dr. Grant,Dr. Patel,Dr. Lee).
          --now ISO8601   The "now" for lines that have none (default 2025-03-11T09:30:00-05:00).
        """

    /// The evaluations this command knows.
    static let subcommands = ["vad", "asr", "kws", "spot", "request", "understanding"]

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        guard let what = arguments.first else {
            throw UsageError("missing what to evaluate; one of: \(Self.subcommands.joined(separator: ", "))")
        }
        switch what {
        case "vad":
            return try self.runVAD(Array(arguments.dropFirst()), console: console)
        case "asr":
            return try self.runASR(Array(arguments.dropFirst()), console: console)
        case "kws":
            return try self.runKWS(Array(arguments.dropFirst()), console: console)
        case "spot":
            return try self.runSpot(Array(arguments.dropFirst()), console: console)
        case "request":
            return try self.runRequest(Array(arguments.dropFirst()), console: console)
        case "understanding":
            return try self.runUnderstanding(Array(arguments.dropFirst()), console: console)
        default:
            throw UsageError(
                "cannot evaluate '\(what)'; one of: \(Self.subcommands.joined(separator: ", "))")
        }
    }

    private func runVAD(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json"], options: ["silero", "trailing-silence", "minimum-speech"])
        var endpointing = EndpointerConfiguration()
        if let milliseconds = try parsed.integer("trailing-silence", in: 10...10_000) {
            endpointing.trailingSilence = .milliseconds(milliseconds)
        }
        if let milliseconds = try parsed.integer("minimum-speech", in: 10...10_000) {
            endpointing.minimumSpeech = .milliseconds(milliseconds)
        }
        let path = try parsed.positional(0, named: "folder|manifest")
        try parsed.expectPositionalCount(atMost: 1)
        let set = try VADEvaluationSet(path: path)
        let sileroDirectory = parsed.options["silero"] ?? VADReport.defaultSileroDirectory
        let showsProgress = isatty(2) == 1

        var rows: [(name: String, evaluation: VADFileEvaluation)] = []
        for (index, item) in set.items.enumerated() {
            let name = URL(fileURLWithPath: item.audioPath).lastPathComponent
            if showsProgress {
                FileHandle.standardError.write(
                    Data("\u{1B}[2K\reval vad: \(index + 1)/\(set.items.count) \(name)".utf8))
            }
            let evaluation = try VADFileEvaluation.run(
                path: item.audioPath, labelsPath: item.labelsPath, sileroDirectory: sileroDirectory)
            rows.append((name, evaluation))
        }
        if showsProgress { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }

        let totals = Self.totals(rows.map(\.evaluation))
        let turns = rows.map { ($0.name, $0.evaluation.endpointingScore(endpointing) ?? EndpointingScore()) }
        if parsed.has("json") {
            console.print(Self.json(rows, totals: totals, turns: turns))
        } else {
            for line in Self.table(rows, totals: totals) { console.print(line) }
            console.print("")
            for line in Self.turnTable(turns, configuration: endpointing) { console.print(line) }
        }
        return ExitStatus.success
    }

    /// Summed scores over every file: Attendant, each WebRTC mode, the per-file best WebRTC mode, and Silero over
    /// the files that have a fixture (with Attendant over the same files, for a fair comparison).
    struct Totals {
        var attendant = FrameScore()
        var webRTC = [FrameScore](repeating: FrameScore(), count: 4)
        var webRTCBest = FrameScore()
        var silero = FrameScore()
        var attendantWhereSilero = FrameScore()
        var sileroFileCount = 0
    }

    static func totals(_ evaluations: [VADFileEvaluation]) -> Totals {
        var totals = Totals()
        for evaluation in evaluations {
            guard let attendant = evaluation.attendantScore, let webRTC = evaluation.webRTCScores,
                let best = evaluation.bestWebRTCMode
            else { continue }
            totals.attendant = totals.attendant + attendant
            for mode in 0...3 { totals.webRTC[mode] = totals.webRTC[mode] + webRTC[mode] }
            totals.webRTCBest = totals.webRTCBest + webRTC[best]
            if let silero = evaluation.sileroScore {
                totals.silero = totals.silero + silero
                totals.attendantWhereSilero = totals.attendantWhereSilero + attendant
                totals.sileroFileCount += 1
            }
        }
        return totals
    }

    static func table(_ rows: [(name: String, evaluation: VADFileEvaluation)], totals: Totals) -> [String] {
        let width = max(rows.map(\.name.count).max() ?? 0, 24)
        var lines = [
            VADReport.pad("", width) + "  Attendant (acc TPR FPR)  WebRTC best mode (acc TPR FPR)  Silero (acc TPR FPR)"
        ]
        for (name, evaluation) in rows {
            let webRTC = evaluation.webRTCScores.flatMap { scores in evaluation.bestWebRTCMode.map { scores[$0] } }
            let mode = evaluation.bestWebRTCMode.map { "m\($0)" } ?? "  "
            lines.append(
                VADReport.pad(name, width) + "  " + VADReport.columns(evaluation.attendantScore) + "        " + mode
                    + " " + VADReport.columns(webRTC) + "             " + VADReport.columns(evaluation.sileroScore))
        }
        lines.append(
            VADReport.pad("total", width) + "  " + VADReport.columns(totals.attendant) + "           "
                + VADReport.columns(totals.webRTCBest) + "             "
                + VADReport.columns(totals.sileroFileCount > 0 ? totals.silero : nil))
        let modes = totals.webRTC.enumerated().map { "mode \($0.offset) \(VADReport.rate($0.element.accuracy))" }
        lines.append("WebRTC total accuracy by mode: \(modes.joined(separator: ", "))")
        if totals.sileroFileCount > 0 {
            lines.append(
                "on the \(totals.sileroFileCount) files with Silero fixtures: Attendant "
                    + "\(VADReport.rate(totals.attendantWhereSilero.accuracy)), Silero "
                    + "\(VADReport.rate(totals.silero.accuracy))")
        }
        return lines
    }

    static func turnTable(_ turns: [(String, EndpointingScore)], configuration: EndpointerConfiguration) -> [String] {
        let width = max(turns.map(\.0.count).max() ?? 0, 24)
        var lines = [
            "endpointing (Attendant; minimum speech \(configuration.minimumSpeech), trailing silence"
                + " \(configuration.trailingSilence)): median end-of-turn delay after the labelled end, median"
                + " speech-start latency, turns split inside a span, spans merged with the next, spans missed",
            VADReport.pad("", width) + "  end delay  start  split  merged  missed  spans",
        ]
        let total = turns.reduce(EndpointingScore()) { $0 + $1.1 }
        for (name, score) in turns + [("total", total)] {
            lines.append(
                VADReport.pad(name, width) + "  " + VADReport.pad(Self.milliseconds(score.endDelays), 9) + "  "
                    + VADReport.pad(Self.milliseconds(score.startLatencies), 5) + "  "
                    + VADReport.pad(String(score.splitCount), 5) + "  "
                    + VADReport.pad(String(score.mergedSpanCount), 6)
                    + "  " + VADReport.pad(String(score.missedSpanCount), 6) + "  " + String(score.spanCount))
        }
        return lines
    }

    /// The median of `values` in whole milliseconds, or "-".
    static func milliseconds(_ values: [Double]) -> String {
        EndpointingScore.median(values).map { "\(Int(($0 * 1000).rounded())) ms" } ?? "-"
    }

    static func json(_ score: EndpointingScore) -> String {
        let end = EndpointingScore.median(score.endDelays).map { VADReport.rate($0) } ?? "null"
        let start = EndpointingScore.median(score.startLatencies).map { VADReport.rate($0) } ?? "null"
        return "{\"medianEndDelaySeconds\":\(end),\"medianStartLatencySeconds\":\(start),"
            + "\"splitCount\":\(score.splitCount),\"mergedSpanCount\":\(score.mergedSpanCount),"
            + "\"missedSpanCount\":\(score.missedSpanCount),\"spanCount\":\(score.spanCount)}"
    }

    static func json(
        _ rows: [(name: String, evaluation: VADFileEvaluation)], totals: Totals, turns: [(String, EndpointingScore)]
    ) -> String {
        let files = rows.map { name, evaluation -> String in
            var members = ["\"file\":\(jsonString(name))", "\"sampleRate\":\(evaluation.sampleRate)"]
            if let attendant = evaluation.attendantScore, let webRTC = evaluation.webRTCScores,
                let best = evaluation.bestWebRTCMode
            {
                members.append("\"attendant\":\(VADReport.json(attendant))")
                members.append("\"webrtc\":[\(webRTC.map(VADReport.json).joined(separator: ","))]")
                members.append("\"webrtcBestMode\":\(best)")
            }
            if let silero = evaluation.sileroScore { members.append("\"silero\":\(VADReport.json(silero))") }
            if let turn = turns.first(where: { $0.0 == name }) {
                members.append("\"endpointing\":\(Self.json(turn.1))")
            }
            return "{\(members.joined(separator: ","))}"
        }
        var total = [
            "\"attendant\":\(VADReport.json(totals.attendant))",
            "\"webrtc\":[\(totals.webRTC.map(VADReport.json).joined(separator: ","))]",
            "\"webrtcBest\":\(VADReport.json(totals.webRTCBest))",
        ]
        if totals.sileroFileCount > 0 {
            total.append("\"silero\":\(VADReport.json(totals.silero))")
            total.append("\"attendantWhereSilero\":\(VADReport.json(totals.attendantWhereSilero))")
        }
        total.append("\"endpointing\":\(Self.json(turns.reduce(EndpointingScore()) { $0 + $1.1 }))")
        return "{\"files\":[\(files.joined(separator: ","))],\"total\":{\(total.joined(separator: ","))}}"
    }
}
