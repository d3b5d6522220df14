import Foundation
import Understanding

/// `attendant eval understanding <set.jsonl>`.
extension EvalCommand {
    static let defaultUnderstandingNow = "2025-03-11T09:30:00-05:00"

    func runUnderstanding(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json", "misses"], options: ["doctors", "now"])
        let path = try parsed.positional(0, named: "set.jsonl")
        try parsed.expectPositionalCount(atMost: 1)
        let doctors = parsed.options["doctors"].map(UnderstandCommand.doctorList) ?? UnderstandCommand.defaultDoctors
        let defaultNow = parsed.options["now"] ?? Self.defaultUnderstandingNow
        guard UnderstandingClock.parse(defaultNow) != nil else {
            throw UsageError("--now must be an ISO 8601 date and time such as 2025-03-11T09:30:00-05:00")
        }
        let utterances = try UnderstandingEvaluation.load(path: path)
        guard !utterances.isEmpty else { throw LabelledSetError(description: "'\(path)' has no labelled lines") }
        let evaluation = try UnderstandingEvaluation.run(utterances, doctors: doctors, defaultNow: defaultNow)

        if parsed.has("json") {
            console.print(Self.json(evaluation, includesMisses: parsed.has("misses")))
        } else {
            for line in Self.table(evaluation) { console.print(line) }
            if parsed.has("misses") {
                console.print("")
                for line in Self.missLines(evaluation) { console.print(line) }
            }
        }
        return ExitStatus.success
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }

    static func table(_ evaluation: UnderstandingEvaluation) -> [String] {
        let total = evaluation.slotTotal
        let count = evaluation.outcomes.count
        var lines = [
            "utterances        \(count) (\(evaluation.urgentCount) urgent)",
            "intent accuracy   \(Self.percent(evaluation.intentAccuracy))",
            "slot accuracy     \(Self.percent(UnderstandingEvaluation.ratio(total.correct, total.expected)))"
                + " (\(total.correct) of \(total.expected) expected; \(total.predicted) predicted)",
            "urgent recall     \(Self.percent(evaluation.urgentRecall))",
            "false alarms      \(Self.percent(evaluation.falseAlarmRate)) of non-urgent utterances",
            "",
            "slot          correct  expected  predicted",
        ]
        let scores = evaluation.slotScores
        for name in Slots.names {
            let score = scores[name] ?? UnderstandingEvaluation.SlotScore()
            lines.append(
                VADReport.pad(name, 12) + "  " + VADReport.pad(String(score.correct), 7) + "  "
                    + VADReport.pad(String(score.expected), 8) + "  " + String(score.predicted))
        }

        lines.append("")
        lines.append("confusion (rows: labelled intent, columns: predicted)")
        let intents = Intent.allCases
        let width = 12
        lines.append(
            VADReport.pad("", width) + intents.map { VADReport.pad(String($0.rawValue.prefix(6)), 7) }.joined())
        let confusion = evaluation.confusion
        for expected in intents {
            guard let row = confusion[expected] else { continue }
            lines.append(
                VADReport.pad(expected.rawValue, width)
                    + intents.map { VADReport.pad(row[$0].map(String.init) ?? ".", 7) }.joined())
        }
        return lines
    }

    static func missLines(_ evaluation: UnderstandingEvaluation) -> [String] {
        evaluation.misses.map { outcome in
            let utterance = outcome.utterance
            var parts = ["line \(utterance.lineNumber): \"\(utterance.text)\""]
            if outcome.intent != utterance.intent {
                parts.append("intent \(outcome.intent.rawValue), labelled \(utterance.intent.rawValue)")
            }
            if outcome.isUrgent != utterance.isUrgent {
                parts.append(outcome.isUrgent ? "false alarm" : "urgent missed")
            }
            for name in Slots.names where outcome.slots[name]?.lowercased() != utterance.slots[name]?.lowercased() {
                parts.append("\(name) \(outcome.slots[name] ?? "-"), labelled \(utterance.slots[name] ?? "-")")
            }
            return parts.joined(separator: "; ")
        }
    }

    static func json(_ evaluation: UnderstandingEvaluation, includesMisses: Bool) -> String {
        let total = evaluation.slotTotal
        var slots: [String: Any] = [:]
        for (name, score) in evaluation.slotScores {
            slots[name] = ["correct": score.correct, "expected": score.expected, "predicted": score.predicted]
        }
        var confusion: [String: [String: Int]] = [:]
        for (expected, row) in evaluation.confusion {
            confusion[expected.rawValue] = Dictionary(uniqueKeysWithValues: row.map { ($0.key.rawValue, $0.value) })
        }
        var object: [String: Any] = [
            "utteranceCount": evaluation.outcomes.count,
            "urgentCount": evaluation.urgentCount,
            "intentAccuracy": evaluation.intentAccuracy,
            "slotAccuracy": UnderstandingEvaluation.ratio(total.correct, total.expected),
            "slotCorrect": total.correct,
            "slotExpected": total.expected,
            "slotPredicted": total.predicted,
            "slots": slots,
            "urgentRecall": evaluation.urgentRecall,
            "falseAlarmRate": evaluation.falseAlarmRate,
            "confusion": confusion,
        ]
        if includesMisses { object["misses"] = Self.missLines(evaluation) }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
