import Foundation
import Practice

/// What `attendant practice` prints about a configuration, as text lines or one JSON object.
enum PracticeReport {
    /// The summary as aligned text: the practice, its hours and exceptions, then each doctor.
    static func lines(_ practice: PracticeConfiguration, source: String) -> [String] {
        var lines = [
            "\(practice.name) (\(source))",
            self.field("address", practice.address),
            self.field("phone", practice.phone),
            self.field("time zone", practice.timeZone.identifier),
            self.field("emergency", practice.emergencyNumber),
            self.field("after hours", self.describe(practice.afterHours, emergencyNumber: practice.emergencyNumber)),
        ]
        for target in practice.transferTargets {
            lines.append(self.field("transfer", "\(target.name) \(target.number)"))
        }
        if !practice.services.isEmpty {
            lines.append(self.field("services", practice.services.joined(separator: "; ")))
        }
        if !practice.faq.isEmpty {
            lines.append(self.field("faq", practice.faq.keys.sorted().joined(separator: ", ")))
        }

        lines += ["", "opening hours"]
        for weekday in Weekday.allCases {
            lines.append("  " + self.field(weekday.rawValue, self.describe(practice.openingHours[weekday])))
        }
        for exception in practice.exceptions {
            let note = exception.note.map { " (\($0))" } ?? ""
            lines.append("  " + self.field(exception.date.description, self.describe(exception.ranges) + note))
        }

        for doctor in practice.doctors {
            lines += ["", "\(doctor.name), \(doctor.appointmentMinutes)-minute appointments"]
            let weekdays = doctor.hours.openWeekdays
            if weekdays.isEmpty { lines.append("  no working hours") }
            for weekday in weekdays {
                lines.append("  " + self.field(weekday.rawValue, self.describe(doctor.hours[weekday])))
            }
        }
        return lines
    }

    /// The summary as one JSON object with sorted keys; weekdays map to lists of `HH:MM-HH:MM` (empty: closed).
    static func json(_ practice: PracticeConfiguration, source: String) throws -> String {
        var afterHours: [String: Any] = ["action": practice.afterHours.name]
        if case .transfer(let target) = practice.afterHours { afterHours["target"] = target }
        var object: [String: Any] = [
            "source": source,
            "name": practice.name,
            "address": practice.address,
            "phone": practice.phone,
            "timeZone": practice.timeZone.identifier,
            "emergencyNumber": practice.emergencyNumber,
            "afterHours": afterHours,
            "openingHours": self.weekly(practice.openingHours, includingClosedDays: true),
            "exceptions": practice.exceptions.map { exception -> [String: Any] in
                var item: [String: Any] = [
                    "date": exception.date.description, "closed": exception.isClosed,
                    "hours": exception.ranges.map(\.description),
                ]
                if let note = exception.note { item["note"] = note }
                return item
            },
            "doctors": practice.doctors.map { doctor -> [String: Any] in
                [
                    "name": doctor.name, "appointmentMinutes": doctor.appointmentMinutes,
                    "hours": self.weekly(doctor.hours, includingClosedDays: false),
                ]
            },
            "services": practice.services,
            "faq": practice.faq,
            "transferTargets": practice.transferTargets.map { ["name": $0.name, "number": $0.number] },
        ]
        if let directions = practice.directions { object["directions"] = directions }

        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func weekly(_ hours: WeeklyHours, includingClosedDays: Bool) -> [String: [String]] {
        var days: [String: [String]] = [:]
        for weekday in Weekday.allCases where includingClosedDays || !hours[weekday].isEmpty {
            days[weekday.rawValue] = hours[weekday].map(\.description)
        }
        return days
    }

    private static func field(_ label: String, _ value: String) -> String {
        label.padding(toLength: 13, withPad: " ", startingAt: 0) + value
    }

    private static func describe(_ ranges: [TimeRange]) -> String {
        ranges.isEmpty ? "closed" : ranges.map(\.description).joined(separator: ", ")
    }

    private static func describe(_ action: AfterHoursAction, emergencyNumber: String) -> String {
        switch action {
        case .takeMessage: "take a message"
        case .transfer(let target): "transfer to \(target)"
        case .emergencyInstructionsThenMessage: "emergency instructions (call \(emergencyNumber)), then take a message"
        }
    }
}
