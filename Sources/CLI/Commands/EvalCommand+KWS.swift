import Foundation
import Recognition

extension EvalCommand {
    func runKWS(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "misses", "no-spotter"],
            options: ["offset", "per-phone", "trailing-pad", "spotter-threshold"])
        let listPath = try parsed.positional(0, named: "set")
        try parsed.expectPositionalCount(atMost: 1)
        let tuned = KeywordThresholdRule.tuned
        let rule = KeywordThresholdRule(
            offset: try Self.number(parsed, "offset") ?? tuned.offset,
            perPhone: try Self.number(parsed, "per-phone") ?? tuned.perPhone)
        let trailingPad = try Self.number(parsed, "trailing-pad") ?? 0.15
        let keyphrases = try Keyphrase.list(UrgentKeyphrases.spoken, rule: rule)
        let showsProgress = isatty(2) != 0

        let spotterThreshold = try Self.number(parsed, "spotter-threshold")
        if let spotterThreshold, !(spotterThreshold > 0 && spotterThreshold < 1) {
            throw UsageError("--spotter-threshold must lie between 0 and 1, not \(spotterThreshold)")
        }
        // Loaded before the long search, so missing weights fail at once.
        let spotting = parsed.has("no-spotter") ? nil : try UrgentSpotting(threshold: spotterThreshold.map(Float.init))
        func progress(_ label: String) -> (Int, Int) -> Void {
            { done, total in
                if showsProgress { FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8)) }
            }
        }
        let items = try KeywordEvaluation.items(listPath)
        let search = try KeywordSearch(keyphrases: keyphrases)
        let evaluation = try KeywordEvaluation.run(
            items: items, keyphrases: search.keyphrases, trailingPadSeconds: trailingPad,
            progress: progress("keyword search")
        ) { try search.detections(in: $0) }
        let spotterEvaluation = try spotting.map { spotting in
            try KeywordEvaluation.run(
                items: items, keyphrases: [], trailingPadSeconds: trailingPad, progress: progress("spotter")
            ) { spotting.detections(in: $0) }
        }
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

        if parsed.has("json") {
            console.print(Self.json(evaluation, rule: rule, spotter: spotterEvaluation, spotting: spotting))
            return ExitStatus.success
        }
        if parsed.has("misses") {
            for (name, result) in [("keyword search", evaluation), ("spotter", spotterEvaluation)] {
                guard let result else { continue }
                for row in result.rows where row.item.isUrgent != row.isDetected || (row.isDetected && !row.isInTime) {
                    let what =
                        !row.item.isUrgent
                        ? "false alarm: " + row.detections.map(\.phrase).joined(separator: ", ")
                        : row.isDetected ? "late" : "missed"
                    console.print("\(name): \(row.item.path)\n  \(what)  \(row.item.text)")
                }
            }
        }
        console.print(
            "pocketsphinx keyword search, \(evaluation.keyphrases.count) phrases, threshold 10^-(\(rule.offset) + "
                + "\(rule.perPhone) x phones)")
        Self.printKeywordTable(evaluation, console: console)
        console.print("phrases detected (urgent utterances / other utterances):")
        let counts = evaluation.phraseCounts.filter { $0.urgent + $0.other > 0 }
        console.print(counts.map { "\($0.phrase) \($0.urgent)/\($0.other)" }.joined(separator: ", "))
        if let spotterEvaluation, let spotting {
            console.print("")
            console.print(
                "embedding spotter, urgent head: \(spotting.spotter.head.contextWindowCount ?? 0) windows stacked, "
                    + "threshold \(spotting.spotter.threshold), refractory \(spotting.spotter.refractoryWindowCount) "
                    + "windows (CPU: embedding and head)")
            Self.printKeywordTable(spotterEvaluation, console: console)
        }
        return ExitStatus.success
    }

    /// The per-group table of one detector's results.
    static func printKeywordTable(_ evaluation: KeywordEvaluation, console: Console) {
        console.print("group                     urgent found  in time  other  false alarms (utt, per hour)  CPU/audio")
        for group in evaluation.groups + ["total"] {
            let rows = group == "total" ? evaluation.rows : evaluation.rows.filter { $0.item.group == group }
            let score = KeywordEvaluation.Score(rows)
            console.print(
                VADReport.pad(group, 24) + "  " + VADReport.pad("\(score.detectedCount)/\(score.urgentCount)", 12)
                    + " " + VADReport.pad("\(score.inTimeCount)", 7) + "  " + VADReport.pad("\(score.otherCount)", 5)
                    + "  " + VADReport.pad("\(score.falseAlarmUtteranceCount) (\(Self.rate(score.falseAlarmRate)))", 14)
                    + " " + VADReport.pad(String(format: "%.1f", score.falseAlarmsPerHour), 13) + "  "
                    + String(format: "%.4f", score.realTimeFactor))
        }
    }

    /// A decimal option, or `nil` when absent.
    static func number(_ parsed: ParsedArguments, _ name: String) throws -> Double? {
        guard let text = parsed.options[name] else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw UsageError("--\(name) must be a number, not '\(text)'")
        }
        return value
    }

    static func json(
        _ evaluation: KeywordEvaluation, rule: KeywordThresholdRule, spotter: KeywordEvaluation?,
        spotting: UrgentSpotting?
    ) -> String {
        func score(_ rows: [KeywordEvaluation.Row]) -> String {
            let score = KeywordEvaluation.Score(rows)
            return "{\"urgent\":\(score.urgentCount),\"detected\":\(score.detectedCount),"
                + "\"inTime\":\(score.inTimeCount),\"other\":\(score.otherCount),"
                + "\"falseAlarmUtterances\":\(score.falseAlarmUtteranceCount),\"falseAlarms\":\(score.falseAlarmCount),"
                + "\"otherAudioSeconds\":\(String(format: "%.2f", score.otherAudioSeconds)),"
                + "\"falseAlarmsPerHour\":\(String(format: "%.2f", score.falseAlarmsPerHour)),"
                + "\"realTimeFactor\":\(String(format: "%.4f", score.realTimeFactor))}"
        }
        let keyphrases = evaluation.keyphrases.map {
            "{\"text\":\(jsonString($0.text)),\"phones\":\($0.phoneCount),\"exponent\":\($0.thresholdExponent)}"
        }
        func rows(_ evaluation: KeywordEvaluation) -> [String] {
            evaluation.rows.map { row in
                let detections = row.detections.map {
                    "{\"phrase\":\(jsonString($0.phrase)),\"start\":\($0.startSeconds),\"end\":\($0.endSeconds),"
                        + "\"reported\":\($0.reportedSeconds),\"score\":\($0.score)}"
                }
                return "{\"file\":\(jsonString(row.item.path)),\"group\":\(jsonString(row.item.group)),"
                    + "\"urgent\":\(row.item.isUrgent),\"audioSeconds\":\(row.audioSeconds),"
                    + "\"speechEndSeconds\":\(row.speechEndSeconds),\"cpuSeconds\":\(row.cpuSeconds),"
                    + "\"detections\":[\(detections.joined(separator: ","))]}"
            }
        }
        func groups(_ evaluation: KeywordEvaluation) -> String {
            evaluation.groups.map { group in
                "\(jsonString(group)):\(score(evaluation.rows.filter { $0.item.group == group }))"
            }.joined(separator: ",")
        }
        var spotterJSON = ""
        if let spotter, let spotting {
            spotterJSON =
                ",\"spotter\":{\"head\":\(jsonString(spotting.spotter.head.name)),"
                + "\"threshold\":\(spotting.spotter.threshold),"
                + "\"refractoryWindows\":\(spotting.spotter.refractoryWindowCount),"
                + "\"total\":\(score(spotter.rows)),\"groups\":{\(groups(spotter))},"
                + "\"rows\":[\(rows(spotter).joined(separator: ","))]}"
        }
        return "{\"rule\":{\"offset\":\(rule.offset),\"perPhone\":\(rule.perPhone)},"
            + "\"keyphrases\":[\(keyphrases.joined(separator: ","))],\"total\":\(score(evaluation.rows)),"
            + "\"groups\":{\(groups(evaluation))},\"rows\":[\(rows(evaluation).joined(separator: ","))]"
            + spotterJSON + "}"
    }
}
