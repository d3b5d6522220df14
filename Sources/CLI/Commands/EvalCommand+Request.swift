import Foundation
import Spotting
import Understanding

extension EvalCommand {
    func runRequest(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "misses"], options: ["cache", "threshold", "override"])
        let listPath = try parsed.positional(0, named: "manifest.tsv")
        try parsed.expectPositionalCount(atMost: 1)
        let threshold = try Self.number(parsed, "threshold").map(Float.init)
        let override = try Self.number(parsed, "override").map(Float.init)
        for value in [threshold, override].compactMap({ $0 }) where !(value > 0 && value <= 1) {
            throw UsageError("--threshold and --override must lie in (0, 1], not \(value)")
        }
        let showsProgress = isatty(2) != 0
        let items = try RequestEvaluation.items(listPath)
        let evaluation = try RequestEvaluation.run(
            items: items, cachePath: parsed.options["cache"], threshold: threshold
        ) { done, total in
            if showsProgress { FileHandle.standardError.write(Data("\r\(done)/\(total)".utf8)) }
        }
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let fusion = IntentFusion(threshold: evaluation.threshold, overrideThreshold: override)
        let filling = IntentFusion(
            threshold: evaluation.threshold, fillsInForAcceptedOther: true, overrideThreshold: override)
        let systems: [(name: String, intent: (RequestEvaluation.Row) -> Intent)] = [
            ("baseline", { $0.recognized }),
            ("+urgent", { RequestEvaluation.urgentBaselineIntent($0) }),
            ("head", { RequestEvaluation.headIntent($0, threshold: evaluation.threshold) }),
            ("fusion", { RequestEvaluation.fusedIntent($0, fusion: fusion) }),
            ("fusion+", { RequestEvaluation.fusedIntent($0, fusion: filling) }),
        ]

        if parsed.has("json") {
            console.print(Self.requestJSON(evaluation, systems: systems, fusion: fusion))
            return ExitStatus.success
        }
        if parsed.has("misses") {
            for row in evaluation.rows {
                let answers = systems.map { $0.intent(row) }
                guard answers.contains(where: { $0 != row.item.intent }) else { continue }
                let reading = row.reading.map { "\($0.family) \(String(format: "%.2f", $0.probability))" } ?? "-"
                console.print(
                    "\(URL(fileURLWithPath: row.item.path).lastPathComponent)  \(row.item.intent.rawValue): "
                        + zip(systems, answers).map { "\($0.0.name) \($0.1.rawValue)" }.joined(separator: ", ")
                        + "\n  said:  \(row.item.text)\n  heard: \(row.recognition.text)"
                        + (row.recognition.isRejected ? " (rejected)" : "") + "  head: \(reading)")
            }
        }
        console.print(
            "intent accuracy: baseline = pocketsphinx intent context + understanding layer; +urgent = the same with "
                + "the urgent head (a firing is emergency, as in a call); head = the request head alone (threshold "
                + "\(evaluation.threshold)) with the urgent head; fusion = +urgent, the request head filling in for "
                + "a rejected hypothesis that asks for nothing; fusion+ = also for an accepted one that asks for "
                + "nothing (the rule a call uses)"
                + (override.map { ", and overrules it at \($0)" } ?? ""))
        console.print(
            "group                     files  baseline +urgent head   fusion fusion+  (without emergency: baseline "
                + "+urgent head fusion fusion+)")
        var groups = Set(evaluation.rows.map(\.item.group)).sorted()
        groups += Set(evaluation.rows.map(\.item.set)).sorted().map { "set " + $0 }
        for group in groups + ["total"] {
            let rows = evaluation.rows.filter {
                group == "total" || $0.item.group == group || "set " + $0.item.set == group
            }
            let plain = rows.filter { $0.item.intent != .emergency }
            func accuracy(_ rows: [RequestEvaluation.Row], _ intent: (RequestEvaluation.Row) -> Intent) -> String {
                rows.isEmpty
                    ? "-" : Self.rate(Double(rows.filter { intent($0) == $0.item.intent }.count) / Double(rows.count))
            }
            console.print(
                VADReport.pad(group, 24) + "  " + VADReport.pad("\(rows.count)", 5) + "  "
                    + systems.map { VADReport.pad(accuracy(rows, $0.intent), 6) }.joined(separator: " ") + "  ("
                    + systems.map { accuracy(plain, $0.intent) }.joined(separator: " ") + ")")
        }
        for system in systems {
            console.print("")
            console.print("\(system.name): confusion (rows: labelled intent, columns: predicted)")
            for line in Self.confusionLines(evaluation.rows, intent: system.intent) { console.print(line) }
        }
        console.print("")
        console.print(
            "fusion by threshold: fusion, fusion+ (the call's rule), then fusion with an override at 0.9 / 0.95 / 0.99;"
                + " all files:")
        for line in Self.fusionSweep(evaluation.rows) { console.print(line) }
        return ExitStatus.success
    }

    static func confusionLines(
        _ rows: [RequestEvaluation.Row], intent: (RequestEvaluation.Row) -> Intent
    ) -> [String] {
        let intents = Intent.allCases
        var lines = [
            VADReport.pad("", 13)
                + intents.map { VADReport.pad(String($0.rawValue.prefix(6)), 6) }.joined(separator: " ")
        ]
        for expected in intents {
            let labelled = rows.filter { $0.item.intent == expected }
            guard !labelled.isEmpty else { continue }
            let counts = intents.map { predicted in labelled.filter { intent($0) == predicted }.count }
            lines.append(
                VADReport.pad(expected.rawValue, 13)
                    + counts.map { VADReport.pad($0 == 0 ? "." : "\($0)", 6) }
                    .joined(separator: " "))
        }
        return lines
    }

    static let sweepThresholds: [Float] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99]

    static func fusionSweep(_ rows: [RequestEvaluation.Row]) -> [String] {
        Self.sweepThresholds.map { threshold in
            let rules =
                [IntentFusion(threshold: threshold), IntentFusion(threshold: threshold, fillsInForAcceptedOther: true)]
                + [Float(0.9), 0.95, 0.99].map { IntentFusion(threshold: threshold, overrideThreshold: $0) }
            let accuracies = rules.map { fusion -> String in
                let right = rows.filter { RequestEvaluation.fusedIntent($0, fusion: fusion) == $0.item.intent }.count
                return Self.rate(Double(right) / Double(max(rows.count, 1)))
            }
            let head = rows.filter { RequestEvaluation.headIntent($0, threshold: threshold) == $0.item.intent }.count
            return "threshold \(String(format: "%.2f", threshold)): fusion \(accuracies.joined(separator: " / ")), "
                + "head alone \(Self.rate(Double(head) / Double(max(rows.count, 1))))"
        }
    }

    static func requestJSON(
        _ evaluation: RequestEvaluation, systems: [(name: String, intent: (RequestEvaluation.Row) -> Intent)],
        fusion: IntentFusion
    ) -> String {
        func score(_ rows: [RequestEvaluation.Row]) -> String {
            let members = systems.map { system in
                "\"\(system.name)\":\(rows.filter { system.intent($0) == $0.item.intent }.count)"
            }
            return "{\"files\":\(rows.count),\(members.joined(separator: ","))}"
        }
        let groups = Set(evaluation.rows.map(\.item.group)).sorted().map { group in
            "\(jsonString(group)):\(score(evaluation.rows.filter { $0.item.group == group }))"
        }
        let sets = Set(evaluation.rows.map(\.item.set)).sorted().map { set in
            "\(jsonString(set)):\(score(evaluation.rows.filter { $0.item.set == set }))"
        }
        let rows = evaluation.rows.map { row in
            let reading =
                row.reading.map {
                    "{\"family\":\(jsonString($0.family)),\"probability\":\(String(format: "%.4f", $0.probability))}"
                } ?? "null"
            let answers = systems.map { "\"\($0.name)\":\(jsonString($0.intent(row).rawValue))" }
            return "{\"file\":\(jsonString(URL(fileURLWithPath: row.item.path).lastPathComponent)),"
                + "\"intent\":\(jsonString(row.item.intent.rawValue)),\"heard\":\(jsonString(row.recognition.text)),"
                + "\"rejected\":\(row.recognition.isRejected),\"urgentFired\":\(row.isUrgentFired),"
                + "\"reading\":\(reading),\(answers.joined(separator: ","))}"
        }
        let override = fusion.overrideThreshold.map { "\($0)" } ?? "null"
        // "fusion" fills in for rejected hypotheses that ask for nothing; "fusion+" (the call's rule) also for
        // accepted ones.
        return "{\"threshold\":\(fusion.threshold),\"override\":\(override),\"total\":\(score(evaluation.rows)),"
            + "\"groups\":{\(groups.joined(separator: ","))},\"sets\":{\(sets.joined(separator: ","))},"
            + "\"rows\":[\(rows.joined(separator: ","))]}"
    }
}
