import Practice
import Testing

/// The wall-clock values the configuration is written in: times, ranges, dates and weekdays.
@Suite("Clock times, ranges, dates and weekdays")
struct CalendarValueTests {
    @Test("ClockTime reads HH:MM exactly and nothing else")
    func clockTimeParsing() {
        #expect(ClockTime("08:30")?.minutesSinceMidnight == 510)
        #expect(ClockTime("00:00")?.minutesSinceMidnight == 0)
        #expect(ClockTime("23:59")?.description == "23:59")
        for text in ["8:30", "08:3O", "24:00", "08:60", "08:30:00", "", "0830", " 08:30", "-1:00"] {
            #expect(ClockTime(text) == nil, "\(text)")
        }
    }

    func time(_ text: String) throws -> ClockTime { try #require(ClockTime(text)) }

    @Test("TimeRange containment and intersection include the start and exclude the end")
    func timeRanges() throws {
        let morning = try #require(TimeRange(start: self.time("08:30"), end: self.time("12:00")))
        #expect(morning.minuteCount == 210)
        #expect(morning.contains(try self.time("08:30")))
        #expect(!morning.contains(try self.time("12:00")))
        let late = try #require(TimeRange(start: self.time("11:00"), end: self.time("13:00")))
        #expect(morning.intersection(late)?.description == "11:00-12:00")
        #expect(TimeRange(start: try self.time("12:00"), end: try self.time("12:00")) == nil)
        #expect(TimeRange(start: try self.time("12:00"), end: try self.time("13:00"))?.intersection(morning) == nil)
    }

    @Test("LocalDate reads YYYY-MM-DD and refuses days that do not exist")
    func localDateParsing() {
        #expect(LocalDate("2026-12-07") == LocalDate(year: 2026, month: 12, day: 7))
        #expect(LocalDate("2000-02-29") != nil)
        for text in ["2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-1-07", "2026/12/07", "0000-01-01"] {
            #expect(LocalDate(text) == nil, "\(text)")
        }
        #expect(LocalDate(year: 987, month: 3, day: 4)?.description == "0987-03-04")
    }

    @Test("weekdays and day arithmetic come from the date alone")
    func weekdaysAndDays() throws {
        #expect(LocalDate(year: 1970, month: 1, day: 1)?.weekday == .thursday)
        #expect(LocalDate(year: 2026, month: 12, day: 7)?.weekday == .monday)
        #expect(LocalDate(year: 2026, month: 12, day: 25)?.weekday == .friday)
        #expect(LocalDate(year: 1969, month: 12, day: 28)?.weekday == .sunday)
        let newYearsEve = try #require(LocalDate(year: 2026, month: 12, day: 31))
        #expect(newYearsEve.adding(days: 1)?.description == "2027-01-01")
        #expect(LocalDate(year: 2028, month: 2, day: 28)?.adding(days: 1)?.description == "2028-02-29")
        for days in stride(from: -719_162, through: 2_932_896, by: 9_973) {  // 0001-01-01 … 9999-12-31
            #expect(LocalDate(daysSinceEpoch: days)?.daysSinceEpoch == days)
        }
        #expect(LocalDate(daysSinceEpoch: -719_163) == nil, "the day before 0001-01-01")
        #expect(LocalDate(daysSinceEpoch: 2_932_897) == nil, "the day after 9999-12-31")
    }

    @Test("Foundation's weekday numbers map to weekdays, Sunday being 1")
    func gregorianWeekdays() {
        #expect(Weekday(gregorianWeekday: 1) == .sunday)
        #expect(Weekday(gregorianWeekday: 2) == .monday)
        #expect(Weekday(gregorianWeekday: 7) == .saturday)
        #expect(Weekday(gregorianWeekday: 0) == nil)
        #expect(Weekday.allCases.sorted() == Weekday.allCases)
    }
}
