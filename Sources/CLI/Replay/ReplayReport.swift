import AudioCore
import Call
import Foundation
import Practice

/// How `attendant replay` and `attendant demo` print calls.
enum ReplayReport {
    static func milliseconds(_ values: [Double]) -> String {
        values.isEmpty ? "none" : values.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " ms"
    }

    static func appointment(_ appointment: ReplayAppointment?, practice: PracticeConfiguration = .default) -> String {
        guard let appointment else { return "none" }
        guard let (date, time) = practice.localTime(of: appointment.start) else { return appointment.doctor }
        return "\(appointment.doctor), \(date.weekday.rawValue) \(date) \(time)"
    }

    /// The conversation, one line per turn.
    static func conversation(_ result: ReplayResult) -> [String] {
        result.turns.map { turn in
            let who = turn.speaker == .agent ? "agent " : "caller"
            return String(format: "  %6.2f s  ", turn.startSeconds) + "\(who)  \(turn.text)"
        }
    }

    static func text(_ result: ReplayResult) -> String {
        var lines = [
            "\(result.id): \(result.hasPassed ? "passed" : "FAILED")",
            "  intent \(result.intent ?? "none"), urgent \(result.isUrgent ? "yes" : "no"), outcome \(result.outcome), "
                + "transferred \(result.isTransferred ? "yes (\(result.transferReason ?? ""))" : "no")",
            "  appointment \(Self.appointment(result.appointment))",
        ]
        if result.line != LineCodec.linear16.rawValue { lines.append("  line \(result.line)") }
        lines += Self.conversation(result)
        lines.append(
            "  turn latency \(Self.milliseconds(result.turnLatenciesMilliseconds)) (end of turn found after "
                + "\(Self.milliseconds(result.endOfTurnMilliseconds)); answer ready after "
                + "\(Self.milliseconds(result.responseWorkMilliseconds)))")
        if !result.bargeInStopMilliseconds.isEmpty {
            lines.append("  barge-in stop \(Self.milliseconds(result.bargeInStopMilliseconds))")
        }
        lines += result.actions.filter { $0.hasPrefix(CallReplay.spotterUnavailable) }.map { "  \($0)" }
        lines += result.mismatches.map { "  mismatch: \($0)" }
        if let folder = result.outputFolder { lines.append("  audio and transcript in \(folder.path)") }
        return lines.joined(separator: "\n")
    }

    static func json(_ result: ReplayResult) -> String {
        let turns = result.turns.map { turn in
            "{\"speaker\":\"\(turn.speaker.rawValue)\",\"label\":\(jsonString(turn.label)),"
                + "\"start\":\(String(format: "%.2f", turn.startSeconds)),\"text\":\(jsonString(turn.text)),"
                + "\"confidence\":\(turn.confidence.map { String(format: "%.3f", $0) } ?? "null")}"
        }
        let appointment = result.appointment.map { appointment in
            "{\"doctor\":\(jsonString(appointment.doctor)),"
                + "\"start\":\(jsonString(ISO8601DateFormatter().string(from: appointment.start)))}"
        }
        let latencies = result.turnLatenciesMilliseconds.map { String(format: "%.1f", $0) }.joined(separator: ",")
        let stops = result.bargeInStopMilliseconds.map { String(format: "%.1f", $0) }.joined(separator: ",")
        return "{\"id\":\(jsonString(result.id)),\"passed\":\(result.hasPassed),\"line\":\(jsonString(result.line)),"
            + "\"intent\":\(result.intent.map(jsonString) ?? "null"),\"urgent\":\(result.isUrgent),"
            + "\"outcome\":\(jsonString(result.outcome)),\"transferred\":\(result.isTransferred),"
            + "\"transferReason\":\(result.transferReason.map(jsonString) ?? "null"),"
            + "\"appointment\":\(appointment ?? "null"),\"turns\":[\(turns.joined(separator: ","))],"
            + "\"turnLatencyMilliseconds\":[\(latencies)],"
            + "\"endOfTurnMilliseconds\":[\(Self.list(result.endOfTurnMilliseconds))],"
            + "\"responseWorkMilliseconds\":[\(Self.list(result.responseWorkMilliseconds))],\"bargeInStopMilliseconds\":[\(stops)],"
            + "\"callSeconds\":\(String(format: "%.2f", result.callSeconds)),"
            + "\"actions\":[\(result.actions.map(jsonString).joined(separator: ","))],"
            + "\"mismatches\":[\(result.mismatches.map(jsonString).joined(separator: ","))],"
            + "\"output\":\(result.outputFolder.map { jsonString($0.path) } ?? "null")}"
    }

    static func list(_ values: [Double]) -> String {
        values.map { String(format: "%.1f", $0) }.joined(separator: ",")
    }

    /// Nearest-rank percentile of `values` (`fraction` 0…1), `nil` when empty.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double? {
        nearestRankPercentile(values, percent: fraction * 100)
    }

    static func summaryTable(_ results: [ReplayResult], errors: [(file: String, reason: String)] = []) -> String {
        let width = max(8, results.map(\.id.count).max() ?? 8)
        func pad(_ text: String, _ count: Int) -> String { text.padding(toLength: count, withPad: " ", startingAt: 0) }
        var lines = [
            "", pad("scenario", width) + "  result  outcome        intent        urgent  latency p50",
        ]
        for result in results {
            let p50 = Self.percentile(result.turnLatenciesMilliseconds, 0.5).map { String(format: "%.0f ms", $0) }
            lines.append(
                pad(result.id, width) + "  " + pad(result.hasPassed ? "passed" : "FAILED", 6) + "  "
                    + pad(result.outcome, 13) + "  " + pad(result.intent ?? "-", 12) + "  "
                    + pad(result.isUrgent ? "yes" : "no", 6) + "  " + (p50 ?? "-"))
        }
        lines += errors.map { "\($0.file): could not run: \($0.reason)" }
        let latencies = results.flatMap(\.turnLatenciesMilliseconds)
        let passed = results.filter(\.hasPassed).count
        lines.append(
            "\(passed) of \(results.count + errors.count) calls passed; turn latency p50 "
                + (Self.percentile(latencies, 0.5).map { String(format: "%.0f", $0) } ?? "-") + " ms, p99 "
                + (Self.percentile(latencies, 0.99).map { String(format: "%.0f", $0) } ?? "-") + " ms over "
                + "\(latencies.count) turns")
        return lines.joined(separator: "\n")
    }

    static func summaryJSON(_ results: [ReplayResult], errors: [(file: String, reason: String)] = []) -> String {
        let latencies = results.flatMap(\.turnLatenciesMilliseconds)
        func value(_ number: Double?) -> String { number.map { String(format: "%.1f", $0) } ?? "null" }
        let errorList = errors.map { "{\"file\":\(jsonString($0.file)),\"reason\":\(jsonString($0.reason))}" }
        return "{\"summary\":{\"calls\":\(results.count + errors.count),"
            + "\"passed\":\(results.filter(\.hasPassed).count),\"errors\":[\(errorList.joined(separator: ","))],"
            + "\"turns\":\(latencies.count),\"turnLatencyP50Milliseconds\":\(value(Self.percentile(latencies, 0.5))),"
            + "\"turnLatencyP99Milliseconds\":\(value(Self.percentile(latencies, 0.99))),"
            + "\"failed\":[\(results.filter { !$0.hasPassed }.map { jsonString($0.id) }.joined(separator: ","))]}}"
    }
}
