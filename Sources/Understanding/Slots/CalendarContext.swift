import Foundation

/// "Now" in the practice's calendar: the day arithmetic that resolves `next Tuesday` or `the 31st`.
///
/// Weeks start on Monday. Not real-time safe: control thread only.
struct CalendarContext {
    let calendar: Calendar
    let today: CalendarDay
    /// 1 = Monday … 7 = Sunday.
    let todayWeekday: Int

    init(now: Date, calendar: Calendar) {
        self.calendar = calendar
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: now)
        self.today = CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
        // Foundation counts Sunday as 1.
        self.todayWeekday = (parts.weekday! + 5) % 7 + 1
    }

    /// `day` plus `count` days (negative to go back).
    func adding(days count: Int, to day: CalendarDay) -> CalendarDay {
        let date = self.date(day)
        let moved = self.calendar.date(byAdding: .day, value: count, to: date)!
        let parts = self.calendar.dateComponents([.year, .month, .day], from: moved)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Noon of `day` (noon keeps daylight-saving changes away from the date).
    func date(_ day: CalendarDay) -> Date {
        self.calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
    }

    /// The number of days in a month.
    func dayCount(year: Int, month: Int) -> Int {
        let first = self.calendar.date(from: DateComponents(year: year, month: month, day: 1, hour: 12))!
        return self.calendar.range(of: .day, in: .month, for: first)!.count
    }

    /// The Monday of the current week.
    var thisMonday: CalendarDay { self.adding(days: 1 - self.todayWeekday, to: self.today) }

    /// The next `weekday` (1 = Monday) strictly after today.
    func following(_ weekday: Int) -> CalendarDay {
        let ahead = (weekday - self.todayWeekday + 7) % 7
        return self.adding(days: ahead == 0 ? 7 : ahead, to: self.today)
    }

    /// `weekday` of the current week, or today's if it is that day.
    func thisWeek(_ weekday: Int) -> CalendarDay {
        self.adding(days: weekday - self.todayWeekday, to: self.today)
    }

    /// The next day of the month `day` on or after today: this month when it is still to come and the month has
    /// it, otherwise the first following month that has it (`the 31st` said in April is May 31).
    func nextDayOfMonth(_ day: Int) -> CalendarDay? {
        guard (1...31).contains(day) else { return nil }
        var year = self.today.year
        var month = self.today.month
        for offset in 0..<13 {
            if day <= self.dayCount(year: year, month: month), offset > 0 || day >= self.today.day {
                return CalendarDay(year: year, month: month, day: day)
            }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return nil
    }

    /// The next `month`/`day` on or after today (this year or a later one; February 29 waits for a leap year).
    func nextDate(month: Int, day: Int) -> CalendarDay? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        for year in self.today.year...(self.today.year + 8) where day <= self.dayCount(year: year, month: month) {
            let candidate = CalendarDay(year: year, month: month, day: day)
            if candidate >= self.today { return candidate }
        }
        return nil
    }

    /// Whether `year`/`month`/`day` exists in the calendar.
    func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= self.dayCount(year: year, month: month)
    }
}
