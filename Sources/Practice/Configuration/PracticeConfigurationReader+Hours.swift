import Foundation

/// Reading weekly hours, time ranges and dated exceptions.
extension PracticeConfigurationReader {
    /// `{"monday": "08:30-18:00", "saturday": ["09:00-12:00"], "sunday": "closed"}`; weekdays left out are closed.
    static func weeklyHours(_ value: JSONValue, at path: FieldPath) throws(PracticeConfigurationError) -> WeeklyHours {
        guard case .object(let fields) = value else {
            throw path.error(
                "expected an object of weekdays (\"monday\": \"08:30-18:00\"), found \(value.kindDescription)")
        }
        try self.rejectUnknownKeys(fields, at: path, allowed: Weekday.allCases.map(\.rawValue), noun: "weekday")

        var ranges: [Weekday: [TimeRange]] = [:]
        for weekday in Weekday.allCases {
            guard let day = fields[weekday.rawValue] else { continue }
            ranges[weekday] = try self.dayRanges(day, at: path.member(weekday.rawValue))
        }
        return WeeklyHours(ranges)
    }

    /// One day's hours: `"08:30-18:00"`, a list of ranges in order with gaps between them, or `"closed"` (or `[]`).
    static func dayRanges(_ value: JSONValue, at path: FieldPath) throws(PracticeConfigurationError) -> [TimeRange] {
        switch value {
        case .string("closed"):
            return []
        case .string(let text):
            return [try self.timeRange(text, at: path)]
        case .array(let items):
            var ranges: [TimeRange] = []
            for (index, item) in items.enumerated() {
                let itemPath = path.element(index)
                guard case .string(let text) = item else {
                    throw itemPath.error(
                        "expected a time range such as \"08:30-12:00\", found \(item.kindDescription)")
                }
                let range = try self.timeRange(text, at: itemPath)
                if let previous = ranges.last, range.start <= previous.end {
                    throw itemPath.error(
                        "\(range) does not start after \(previous) ends; list a day's ranges in order, with a gap"
                            + " between them")
                }
                ranges.append(range)
            }
            return ranges
        default:
            throw path.error(
                "expected a time range such as \"08:30-18:00\", a list of them, or \"closed\"; found"
                    + " \(value.kindDescription)")
        }
    }

    /// `HH:MM-HH:MM` within one day.
    static func timeRange(_ text: String, at path: FieldPath) throws(PracticeConfigurationError) -> TimeRange {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw path.error("'\(text)' is not a time range (HH:MM-HH:MM)") }
        let startText = parts[0].trimmingCharacters(in: .whitespaces)
        let endText = parts[1].trimmingCharacters(in: .whitespaces)
        guard let start = ClockTime(startText) else { throw path.error("'\(startText)' is not a time (HH:MM)") }
        guard let end = ClockTime(endText) else { throw path.error("'\(endText)' is not a time (HH:MM)") }
        guard let range = TimeRange(start: start, end: end) else {
            throw path.error("\(start)-\(end) does not end after it starts (a range stays within one day)")
        }
        return range
    }

    /// `[{"date": "2026-12-25", "closed": true, "note": "Christmas Day"}, {"date": …, "hours": "09:00-12:00"}]`,
    /// returned in date order.
    static func exceptions(
        _ value: JSONValue?, at path: FieldPath
    ) throws(PracticeConfigurationError) -> [HoursException] {
        guard let value else { return [] }
        let items = try self.list(
            value, at: path, of: "dated exceptions ({\"date\": \"2026-12-25\", \"closed\": true})")
        var exceptions: [HoursException] = []
        var indexByDate: [LocalDate: Int] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = path.element(index)
            let fields = try self.object(item, at: itemPath, allowed: ["date", "closed", "hours", "note"])

            let dateText = try self.requiredText(fields, "date", at: itemPath, hint: "the day, YYYY-MM-DD")
            guard let date = LocalDate(dateText) else {
                throw itemPath.member("date").error("'\(dateText)' is not a date (YYYY-MM-DD)")
            }
            if let earlier = indexByDate[date] {
                throw itemPath.member("date").error("\(date) is listed twice (also exceptions[\(earlier)])")
            }
            indexByDate[date] = index

            var isClosed = false
            if let closed = fields["closed"] {
                guard case .bool(let flag) = closed else {
                    throw itemPath.member("closed").error("expected true or false, found \(closed.kindDescription)")
                }
                isClosed = flag
            }
            let ranges: [TimeRange]
            switch (isClosed, fields["hours"]) {
            case (true, nil):
                ranges = []
            case (true, .some):
                throw itemPath.error("give either \"closed\": true or \"hours\", not both")
            case (false, .some(let hours)):
                ranges = try self.dayRanges(hours, at: itemPath.member("hours"))
            case (false, nil):
                throw itemPath.member("hours").error(
                    "missing (the day's hours, e.g. \"09:00-12:00\", or \"closed\": true)")
            }

            let note = try self.optionalText(fields, "note", at: itemPath)
            exceptions.append(HoursException(date: date, ranges: ranges, note: note))
        }
        return exceptions.sorted { $0.date < $1.date }
    }
}
