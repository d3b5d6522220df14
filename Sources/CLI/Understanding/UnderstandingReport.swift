import Foundation
import Understanding

/// The text and JSON forms of one `Understanding`.
enum UnderstandingReport {
    static func lines(_ result: Understanding, calendar: Calendar) -> [String] {
        let request = result.intent == .other && result.isRequest ? ", a request for a message" : ""
        var lines = [
            "intent      \(result.intent.rawValue) (confidence \(String(format: "%.2f", result.confidence))\(request))"
        ]
        if let urgency = result.urgency {
            lines.append("urgent      yes: \(urgency.category.rawValue) ('\(urgency.phrase)')")
        } else {
            lines.append("urgent      no")
        }
        let slots = result.slots.labelled
        for name in Slots.names {
            guard let value = slots[name] else { continue }
            lines.append(name.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        if let start = result.requestedStart {
            lines.append("start       \(self.iso8601(start, calendar: calendar))")
        }
        let evidence = result.classification.evidence.filter { $0.weight > 0 }
        if !evidence.isEmpty {
            lines.append(
                "evidence    "
                    + evidence.map { "\($0.intent.rawValue) +\(String(format: "%g", $0.weight)) '\($0.pattern)'" }
                    .joined(separator: ", "))
        }
        return lines
    }

    static func json(_ result: Understanding, calendar: Calendar) -> String {
        var object: [String: Any] = [
            "intent": result.intent.rawValue,
            "confidence": (result.confidence * 1000).rounded() / 1000,
            "urgent": result.isUrgent,
            "isRequest": result.isRequest,
            "words": result.words,
            "slots": result.slots.labelled,
            "classifiedIntent": result.classification.intent.rawValue,
            "evidence": result.classification.evidence.map {
                ["intent": $0.intent.rawValue, "pattern": $0.pattern, "weight": $0.weight] as [String: Any]
            },
        ]
        if let urgency = result.urgency {
            object["urgency"] = [
                "category": urgency.category.rawValue, "phrase": urgency.phrase,
                "wordRange": [urgency.wordRange.lowerBound, urgency.wordRange.upperBound],
            ]
        }
        if let start = result.requestedStart { object["start"] = self.iso8601(start, calendar: calendar) }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// `2025-03-18T15:30:00-05:00` in the calendar's time zone.
    static func iso8601(_ date: Date, calendar: Calendar) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
