import Foundation
import Recognition

extension EvalCommand {
    func runKWS(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "misses"], options: ["offset", "per-phone", "trailing-pad"])
        let listPath = try parsed.positional(0, named: "set")
        try parsed.expectPositionalCount(atMost: 1)
        let tuned = KeywordThresholdRule.tuned
        let rule = KeywordThresholdRule(
            offset: try Self.number(parsed, "offset") ?? tuned.offset,
            perPhone: try Self.number(parsed, "per-phone") ?? tuned.perPhone)
        let trailingPad = try Self.number(parsed, "trailing-pad") ?? 0.15
        let keyphrases = try Keyphrase.list(UrgentKeyphrases.spoken, rule: rule)
        let showsProgress = isatty(2) != 0

        let evaluation = try KeywordEvaluation.run(
            listPath: listPath, keyphrases: keyphrases, trailingPadSeconds: trailingPad
        ) { done, total in
            if showsProgress { FileHandle.standardError.write(Data("\r\(done)/\(total)".utf8)) }
        }
        if showsProgress { FileHandle.standardError.write(Data("\r".utf8)) }

        if parsed.has("json") {
            console.print(Self.json(evaluation, rule: rule))
            return ExitStatus.success
        }
        if parsed.has("misses") {
            for row in evaluation.rows where row.item.isUrgent != row.isDetected || (row.isDetected && !row.isInTime) {
                let what =
                    !row.item.isUrgent
                    ? "false alarm: " + row.detections.map(\.phrase).joined(separator: ", ")
                    : row.isDetected ? "late" : "missed"
                console.print("\(row.item.path)\n  \(what)  \(row.item.text)")
            }
        }
        console.print(
            "pocketsphinx keyword search, \(evaluation.keyphrases.count) phrases, threshold 10^-(\(rule.offset) + "
                + "\(rule.perPhone) x phones)")
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
        console.print("phrases detected (urgent utterances / other utterances):")
        let counts = evaluation.phraseCounts.filter { $0.urgent + $0.other > 0 }
        console.print(counts.map { "\($0.phrase) \($0.urgent)/\($0.other)" }.joined(separator: ", "))
        return ExitStatus.success
    }

    /// A decimal option, or `nil` when absent.
    static func number(_ parsed: ParsedArguments, _ name: String) throws -> Double? {
        guard let text = parsed.options[name] else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw UsageError("--\(name) must be a number, not '\(text)'")
        }
        return value
    }

    static func json(_ evaluation: KeywordEvaluation, rule: KeywordThresholdRule) -> String {
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
        let rows = evaluation.rows.map { row in
            let detections = row.detections.map {
                "{\"phrase\":\(jsonString($0.phrase)),\"start\":\($0.startSeconds),\"end\":\($0.endSeconds),"
                    + "\"reported\":\($0.reportedSeconds),\"score\":\($0.score)}"
            }
            return "{\"file\":\(jsonString(row.item.path)),\"group\":\(jsonString(row.item.group)),"
                + "\"urgent\":\(row.item.isUrgent),\"audioSeconds\":\(row.audioSeconds),"
                + "\"speechEndSeconds\":\(row.speechEndSeconds),\"cpuSeconds\":\(row.cpuSeconds),"
                + "\"detections\":[\(detections.joined(separator: ","))]}"
        }
        let groups = evaluation.groups.map { group in
            "\(jsonString(group)):\(score(evaluation.rows.filter { $0.item.group == group }))"
        }
        return "{\"rule\":{\"offset\":\(rule.offset),\"perPhone\":\(rule.perPhone)},"
            + "\"keyphrases\":[\(keyphrases.joined(separator: ","))],\"total\":\(score(evaluation.rows)),"
            + "\"groups\":{\(groups.joined(separator: ","))},\"rows\":[\(rows.joined(separator: ","))]}"
    }
}
