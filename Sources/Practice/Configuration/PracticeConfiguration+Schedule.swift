import Foundation

/// When the practice is open and when a doctor can be booked, on the practice's wall clock.
///
/// Every query takes its instant or date as an argument and never reads the clock, so the dialogue and the tests
/// decide what "now" is.
extension PracticeConfiguration {
    /// A Gregorian calendar in the practice's time zone.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        return calendar
    }

    /// The dated exception for `date`, or `nil` when the regular hours apply.
    public func exception(on date: LocalDate) -> HoursException? {
        self.exceptions.first { $0.date == date }
    }

    /// The opening hours on `date`: its exception's when there is one, else the weekday's. Empty when closed.
    public func openingRanges(on date: LocalDate) -> [TimeRange] {
        self.exception(on: date)?.ranges ?? self.openingHours[date.weekday]
    }

    /// The practice's date and wall-clock minute at `instant` (seconds dropped), or `nil` outside years 1…9999.
    public func localTime(of instant: Date) -> (date: LocalDate, time: ClockTime)? {
        let parts = self.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
            let minute = parts.minute, let date = LocalDate(year: year, month: month, day: day),
            let time = ClockTime(hour: hour, minute: minute)
        else { return nil }
        return (date, time)
    }

    /// The instant the practice's clock shows `time` on `date`.
    ///
    /// A time skipped when the clocks go forward is moved forward by the gap, as Foundation's calendar does; a time
    /// that happens twice when they go back is its first occurrence.
    public func instant(on date: LocalDate, at time: ClockTime) -> Date? {
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute, second: 0)
        return self.calendar.date(from: parts)
    }

    /// Whether the practice is open at `instant`, honouring dated exceptions.
    ///
    /// A range includes its start and excludes its end: open at 08:30:00, closed at 18:00:00.
    public func isOpen(at instant: Date) -> Bool {
        guard let (date, time) = self.localTime(of: instant) else { return false }
        return self.openingRanges(on: date).contains { $0.contains(time) }
    }

    /// The next time the practice opens strictly after `instant` (the start of an opening range), or `nil` when it
    /// never opens again.
    ///
    /// When the practice is open at `instant`, this is the start of the next range, not the current one. The search
    /// runs a week past the last dated exception, after which the weekly hours repeat.
    public func nextOpening(after instant: Date) -> Date? {
        guard let (today, _) = self.localTime(of: instant) else { return nil }
        let lastException = self.exceptions.last.map { $0.date.daysSinceEpoch - today.daysSinceEpoch } ?? 0
        let dayCount = max(0, lastException) + 8

        for offset in 0..<dayCount {
            guard let date = today.adding(days: offset) else { return nil }
            for range in self.openingRanges(on: date) {
                if let start = self.instant(on: date, at: range.start), start > instant { return start }
            }
        }
        return nil
    }

    /// The wall-clock start of each appointment `doctor` can be booked for on `date`, in order.
    ///
    /// Slots step by the doctor's appointment length from the start of each of their working ranges that weekday;
    /// a slot is kept when all of it lies inside the practice's opening hours that day (so a closed day or shortened
    /// hours remove slots, and slots stay on the same grid every week). Existing bookings are the schedule store's
    /// concern, not this one's.
    public func slotTimes(for doctor: Doctor, on date: LocalDate) -> [ClockTime] {
        let opening = self.openingRanges(on: date)
        var starts: [ClockTime] = []
        for working in doctor.hours[date.weekday] {
            var minute = working.start.minutesSinceMidnight
            while minute + doctor.appointmentMinutes <= working.end.minutesSinceMidnight {
                if let start = ClockTime(minutesSinceMidnight: minute),
                    let end = ClockTime(minutesSinceMidnight: minute + doctor.appointmentMinutes),
                    let slot = TimeRange(start: start, end: end), opening.contains(where: { $0.contains(slot) })
                {
                    starts.append(start)
                }
                minute += doctor.appointmentMinutes
            }
        }
        return starts
    }

    /// `slotTimes(for:on:)` as instants.
    public func slotStarts(for doctor: Doctor, on date: LocalDate) -> [Date] {
        self.slotTimes(for: doctor, on: date).compactMap { self.instant(on: date, at: $0) }
    }
}
