import Foundation
import Practice

/// Small configurations written inline, each a valid base with one part replaced.
enum PracticeFixture {
    static let weekdays = #"{"monday": "08:30-18:00", "tuesday": "08:30-18:00", "saturday": "09:00-12:00"}"#

    static let doctors = #"[{"name": "Dr. Grant", "appointmentMinutes": 15}]"#

    /// A configuration's text: the given parts, and `extra` members (`"key": value, …`) appended as written.
    static func json(
        name: String = #""Test Practice""#, timeZone: String = #""America/New_York""#,
        openingHours: String = Self.weekdays, doctors: String = Self.doctors, extra: String = ""
    ) -> String {
        """
        {
            "name": \(name), "address": "1 Main Street", "phone": "+1 555-010-0100",
            "timeZone": \(timeZone), "openingHours": \(openingHours), "doctors": \(doctors),
            "emergencyNumber": "911"\(extra.isEmpty ? "" : ", " + extra)
        }
        """
    }

    /// Decodes `json`.
    static func practice(_ json: String) throws -> PracticeConfiguration {
        try PracticeConfiguration(json: Data(json.utf8))
    }

    /// The error decoding `json` gives, or `nil` when it is accepted.
    static func error(_ json: String) -> PracticeConfigurationError? {
        do {
            _ = try PracticeConfiguration(json: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// An instant from an ISO 8601 text with its offset, for fixed test times.
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("bad test instant \(text)") }
        return date
    }
}
