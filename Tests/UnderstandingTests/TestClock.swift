import Foundation

@testable import Understanding

/// Fixed "now" values and an understander in a fixed time zone, for tests.
enum TestClock {
    static let doctors = ["Dr. Grant", "Dr. Patel", "Dr. Lee"]

    /// A Gregorian calendar at a fixed offset from UTC.
    static func calendar(offsetHours: Int = -5) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetHours * 3600)!
        return calendar
    }

    /// `year-month-day hour:minute` in `calendar`.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 9, _ minute: Int = 30, offsetHours: Int = -5)
        -> Date
    {
        self.calendar(offsetHours: offsetHours).date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func understand(_ text: String, now: Date = TestClock.date(2025, 3, 11), offsetHours: Int = -5)
        -> Understanding
    {
        Understander(doctors: self.doctors, calendar: self.calendar(offsetHours: offsetHours)).understand(
            text, now: now)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> DayPreference {
        .date(CalendarDay(year: year, month: month, day: day))
    }
}
