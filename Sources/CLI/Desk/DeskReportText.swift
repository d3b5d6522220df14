import Call
import Foundation

/// The end-of-run report of `attendant run`, as text or JSON.
enum DeskReportText {
    static func text(_ report: DeskReport, scores: [(id: String, mismatches: [String])]?, idleCPUPercent: Double?)
        -> String
    {
        var lines: [String] = []
        lines.append(String(format: "line ran %.1f s; %d calls", report.seconds, report.calls.count))
        for (index, call) in report.calls.enumerated() {
            var line = String(format: "  %7.2f s  ", report.answerSeconds[index])
            line += "\(call.id)  \(call.outcome)  intent \(call.intent ?? "-")"
            if call.isUrgent { line += "  urgent" }
            if let appointment = call.appointment { line += "  \(appointment.doctor) \(appointment.start)" }
            lines.append(line)
        }
        if let scores {
            lines.append("scripted calls:")
            for score in scores {
                lines.append(
                    "  \(score.id): "
                        + (score.mismatches.isEmpty ? "passed" : "FAILED: " + score.mismatches.joined(separator: "; ")))
            }
            let scripted = scores.filter { !$0.mismatches.contains { $0.hasPrefix("a call the script does not have") } }
            let passed = scripted.filter { $0.mismatches.isEmpty }.count
            lines.append("scripted calls passed: \(passed) of \(scripted.count)")
        }
        let latencies = report.calls.flatMap(\.turnLatenciesMilliseconds).sorted()
        if !latencies.isEmpty {
            lines.append(
                String(
                    format: "turn latency: p50 %.0f ms, p99 %.0f ms over %d turns", Self.percentile(latencies, 0.5),
                    Self.percentile(latencies, 0.99), latencies.count))
        }
        lines.append(
            "xruns: capture \(report.captureXruns), playback \(report.playbackXruns) (all recovered); devices reopened "
                + "\(report.reopenCount), blocks lost while away \(report.lostBlockCount)")
        lines.append(
            String(
                format: "audio thread: longest block %.2f ms, %d blocks over 5 ms, %d over 10 ms; %@",
                report.longestBlockMilliseconds, report.blocksOverFiveMilliseconds, report.blocksOverTenMilliseconds,
                report.realTimeRefusal.map { "normal priority (real-time refused: \($0))" } ?? "real-time priority"))
        if let idleCPUPercent { lines.append(String(format: "CPU while idle: %.1f %% of one core", idleCPUPercent)) }
        lines += report.problems.map { "problem: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: DeskReport, scores: [(id: String, mismatches: [String])]?, idleCPUPercent: Double?)
        -> String
    {
        var object: [String: Any] = [
            "seconds": report.seconds,
            "calls": report.calls.enumerated().map { index, call -> [String: Any] in
                [
                    "id": call.id, "answerSeconds": report.answerSeconds[index], "outcome": call.outcome,
                    "intent": call.intent ?? NSNull(), "urgent": call.isUrgent,
                    "turnLatenciesMilliseconds": call.turnLatenciesMilliseconds,
                ]
            },
            "captureXruns": report.captureXruns, "playbackXruns": report.playbackXruns,
            "reopenCount": report.reopenCount, "lostBlockCount": report.lostBlockCount,
            "longestBlockMilliseconds": report.longestBlockMilliseconds,
            "blocksOverFiveMilliseconds": report.blocksOverFiveMilliseconds,
            "blocksOverTenMilliseconds": report.blocksOverTenMilliseconds,
            "realTimePriority": report.realTimeRefusal == nil, "problems": report.problems,
        ]
        if let scores {
            object["scores"] = scores.map { ["id": $0.id, "mismatches": $0.mismatches] }
        }
        if let idleCPUPercent { object["idleCPUPercent"] = idleCPUPercent }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction + 0.5))]
    }
}
