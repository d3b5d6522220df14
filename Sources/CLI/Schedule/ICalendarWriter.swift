import Foundation
import Practice

/// iCalendar (RFC 5545) text for booked appointments: one `VCALENDAR` with a `VEVENT` per appointment.
///
/// What the RFC asks of every line is done here, not by the caller: content lines end in CRLF (3.1), a line longer
/// than 75 octets is folded by inserting CRLF and one space, never inside a UTF-8 sequence (3.1), and `TEXT` values
/// escape backslash, semicolon, comma and line breaks (3.3.11). Instants are written in UTC with the `Z` suffix
/// (3.3.5, form 2), so no `VTIMEZONE` is needed.
///
/// Not real-time safe: control thread only.
struct ICalendarWriter {
    /// One appointment with what the event says about it.
    struct Event: Equatable {
        let appointment: Appointment
        let patient: Patient?
    }

    /// The practice whose name makes the `UID` domain and whose address is each event's `LOCATION`.
    let practice: PracticeConfiguration

    /// The calendar's product identifier (3.7.3).
    static let productID = "-//Attendant//Attendant \(AttendantVersion.current)//EN"

    /// The domain after `@` in every `UID`: the practice's name in lower case, runs of other characters as `-`,
    /// under `attendant.invalid` (a name that can never be someone else's real domain), for example
    /// `riverside-family-practice.attendant.invalid`.
    var uidDomain: String {
        var slug = ""
        for scalar in self.practice.name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return (slug.isEmpty ? "practice" : slug) + ".attendant.invalid"
    }

    /// The whole calendar, every line folded and ended with CRLF.
    func document(_ events: [Event]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(Self.productID)", "CALSCALE:GREGORIAN"]
        for event in events { lines += self.eventLines(event) }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    /// The unfolded content lines of one `VEVENT`.
    ///
    /// `UID` depends only on the appointment id and the practice, so exporting again updates the same events in a
    /// calendar that imported them. `DTSTAMP` is when the appointment was last changed in the store (booked, or
    /// cancelled or rescheduled), as 3.8.7.2 asks when the calendar has no `METHOD`; it makes the export
    /// reproducible.
    func eventLines(_ event: Event) -> [String] {
        let appointment = event.appointment
        let end = appointment.start.addingTimeInterval(TimeInterval(appointment.lengthMinutes * 60))
        let patientName = event.patient?.name ?? "patient \(appointment.patientID)"
        var description = ["Patient: \(patientName)"]
        if let phone = event.patient?.phone { description.append("Phone: \(phone)") }
        description.append("\(appointment.lengthMinutes)-minute appointment \(appointment.id), booked by Attendant")

        return [
            "BEGIN:VEVENT",
            "UID:appointment-\(appointment.id)@\(self.uidDomain)",
            "DTSTAMP:\(Self.utc(appointment.changedAt ?? appointment.createdAt))",
            "DTSTART:\(Self.utc(appointment.start))",
            "DTEND:\(Self.utc(end))",
            "SUMMARY:\(Self.escape("\(appointment.doctorName): \(patientName)"))",
            "LOCATION:\(Self.escape(self.practice.address))",
            "DESCRIPTION:\(Self.escape(description.joined(separator: "\n")))",
            "STATUS:CONFIRMED",
            "END:VEVENT",
        ]
    }

    /// A `TEXT` value escaped as RFC 5545 3.3.11 asks: `\` `;` `,` get a backslash, a line break becomes `\n`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r":
                // CRLF is one line break.
                if scalars.first == "\n" { scalars.removeFirst() }
                escaped += "\\n"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A content line folded at 75 octets (RFC 5545 3.1), without its final CRLF.
    ///
    /// Each continuation line starts with one space, which counts towards its 75 octets. A line is only broken
    /// between Unicode scalars, so no UTF-8 sequence is split.
    static func fold(_ line: String) -> String {
        let limit = 75
        var folded = ""
        var octetCount = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if octetCount + width > limit {
                folded += "\r\n "
                octetCount = 1
            }
            folded.unicodeScalars.append(scalar)
            octetCount += width
        }
        return folded
    }

    /// An instant as an RFC 5545 UTC date-time, `20261209T150000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "T" + padded(parts.hour, 2)
            + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }
}
