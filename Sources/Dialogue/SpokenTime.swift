import Foundation
import Practice
import Understanding

/// Days, times and hours as the agent says them, on the practice's wall clock.
///
/// Written out by hand rather than with a date formatter so the words never depend on the machine's locale.
enum SpokenTime {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `8:30 AM`, `6 PM`, `noon`, `midnight`.
    static func clock(_ time: Practice.ClockTime) -> String {
        if time.minutesSinceMidnight == 12 * 60 { return "noon" }
        if time.minutesSinceMidnight == 0 { return "midnight" }
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        let minute = time.minute == 0 ? "" : ":" + (time.minute < 10 ? "0" : "") + String(time.minute)
        return "\(hour)\(minute) \(time.hour < 12 ? "AM" : "PM")"
    }

    /// `Monday`.
    static func weekday(_ weekday: Weekday) -> String {
        weekday.rawValue.prefix(1).uppercased() + weekday.rawValue.dropFirst()
    }

    /// `Tuesday, December 8`.
    static func date(_ date: LocalDate) -> String {
        "\(self.weekday(date.weekday)), \(self.monthNames[date.month - 1]) \(date.day)"
    }

    /// `March 9, 1984`.
    static func birthday(_ day: CalendarDay) -> String {
        "\(self.monthNames[day.month - 1]) \(day.day), \(day.year)"
    }

    /// `March 9, 1984`.
    static func birthday(_ date: LocalDate) -> String {
        "\(self.monthNames[date.month - 1]) \(date.day), \(date.year)"
    }

    /// `Tuesday, December 8 at 9 AM`, or `nil` when the instant is outside the calendar's years.
    static func instant(_ instant: Date, in practice: PracticeConfiguration) -> String? {
        guard let (date, time) = practice.localTime(of: instant) else { return nil }
        return "\(self.date(date)) at \(self.clock(time))"
    }

    /// `8:30 AM to 6 PM`, `8:30 AM to noon and 1 PM to 6 PM`.
    static func ranges(_ ranges: [TimeRange]) -> String {
        ranges.map { "\(self.clock($0.start)) to \(self.clock($0.end))" }.joined(separator: " and ")
    }

    /// `A, B and C`.
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The weekly hours, consecutive days with the same hours grouped: `Monday to Friday 8:30 AM to 6 PM, Saturday
    /// 9 AM to noon, and closed on Sunday`.
    static func weeklyHours(_ hours: WeeklyHours) -> String {
        var groups: [(first: Weekday, last: Weekday, ranges: [TimeRange])] = []
        for day in Weekday.allCases {
            if let previous = groups.last, previous.ranges == hours[day] {
                groups[groups.count - 1].last = day
            } else {
                groups.append((day, day, hours[day]))
            }
        }

        let open = groups.filter { !$0.ranges.isEmpty }.map { group in
            let days =
                group.first == group.last
                ? self.weekday(group.first) : "\(self.weekday(group.first)) to \(self.weekday(group.last))"
            return "\(days) \(self.ranges(group.ranges))"
        }
        let closed = groups.filter(\.ranges.isEmpty).map { group in
            group.first == group.last
                ? self.weekday(group.first) : "\(self.weekday(group.first)) to \(self.weekday(group.last))"
        }
        return self.list(open + (closed.isEmpty ? [] : ["closed on \(self.list(closed))"]))
    }
}
