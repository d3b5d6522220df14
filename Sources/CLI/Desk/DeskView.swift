import Call
import Foundation

/// The desk box's live terminal view: plain ANSI, redrawn in place.
enum DeskView {
    /// The whole screen for `status`, starting with the escape that homes the cursor and clears.
    static func screen(_ status: DeskStatus, idleCPUPercent: Double?) -> String {
        var lines: [String] = []
        lines.append(
            "Attendant desk line — \(Self.clock(status.seconds))   [t] take over  [r] resume  [a] answer  [q] quit")
        lines.append("")
        lines.append("line      \(status.mode.rawValue)\(status.isSpeech ? "   · speech" : "")")
        lines.append("in        \(Self.meter(status.inputLevel))")
        lines.append("out       \(Self.meter(status.outputLevel))")
        var health = "xruns     capture \(status.captureXruns), playback \(status.playbackXruns)"
        health += "   reopened \(status.reopenCount)"
        health += String(
            format: "   block %.2f ms mean, %.2f ms longest", status.meanBlockMilliseconds,
            status.longestBlockMilliseconds)
        if let idleCPUPercent { health += String(format: "   idle CPU %.1f %%", idleCPUPercent) }
        lines.append(health)
        if let problem = status.lastProblem { lines.append("problem   \(problem)") }
        lines.append("")
        if let call = status.call {
            lines.append("call      \(call.id)")
            lines.append("caller    \(call.heard)")
            lines.append("agent     \(call.said)")
            lines.append(
                "intent    \(call.intent ?? "-")\(call.isUrgent ? "   URGENT" : "")   waiting for \(call.awaiting ?? "-")"
            )
        } else {
            lines.append("call      none")
        }
        lines.append("")
        lines.append("finished  \(status.finishedCalls.count) calls")
        for call in status.finishedCalls.suffix(5) {
            lines.append(
                "  \(call.id)  \(call.outcome)\(call.isUrgent ? "  urgent" : "")  intent \(call.intent ?? "-")")
        }
        return "\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n") + "\n"
    }

    /// A level meter: 40 cells from -60 to 0 dBFS, and the number.
    static func meter(_ level: Float) -> String {
        let cells = max(0, min(40, Int((level + 60) / 60 * 40)))
        return "[" + String(repeating: "#", count: cells) + String(repeating: " ", count: 40 - cells) + "] "
            + String(format: "%6.1f dBFS", max(level, -99.9))
    }

    static func clock(_ seconds: Double) -> String {
        String(format: "%02d:%02d:%02d", Int(seconds) / 3600, Int(seconds) / 60 % 60, Int(seconds) % 60)
    }

    /// One structured log line, `key=value` pairs, for a run without a terminal.
    static func logLine(_ event: String, _ fields: [(String, String)]) -> String {
        (["event=\(event)"] + fields.map { "\($0.0)=\(Self.quoted($0.1))" }).joined(separator: " ")
    }

    private static func quoted(_ value: String) -> String {
        value.contains(" ") || value.contains("\"") || value.isEmpty
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }
}
