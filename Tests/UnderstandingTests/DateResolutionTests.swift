import Foundation
import Testing

@testable import Understanding

/// Days and times resolved against fixed "now" values across week, month and year edges.
@Suite("Day and time resolution")
struct DateResolutionTests {
    /// Tuesday 2025-03-11.
    let tuesday = TestClock.date(2025, 3, 11)
    /// Sunday 2025-03-16.
    let sunday = TestClock.date(2025, 3, 16)

    func day(_ text: String, now: Date) -> DayPreference? { TestClock.understand(text, now: now).slots.day }

    @Test("weekdays: bare, this, next and '<day> next week' said on a Tuesday")
    func weekdaysOnTuesday() {
        #expect(self.day("tuesday", now: self.tuesday) == TestClock.day(2025, 3, 18))
        #expect(self.day("this tuesday", now: self.tuesday) == TestClock.day(2025, 3, 11))
        #expect(self.day("next tuesday", now: self.tuesday) == TestClock.day(2025, 3, 18))
        #expect(self.day("thursday", now: self.tuesday) == TestClock.day(2025, 3, 13))
        #expect(self.day("next thursday", now: self.tuesday) == TestClock.day(2025, 3, 20))
        #expect(self.day("thursday next week", now: self.tuesday) == TestClock.day(2025, 3, 20))
        #expect(self.day("this monday", now: self.tuesday) == TestClock.day(2025, 3, 17), "passed: the next one")
    }

    @Test("next Tuesday said on a Sunday is two days later: the Tuesday of next week")
    func nextTuesdayOnSunday() {
        #expect(self.day("next tuesday", now: self.sunday) == TestClock.day(2025, 3, 18))
        #expect(
            self.day("next week", now: self.sunday) == .week(startingOn: CalendarDay(year: 2025, month: 3, day: 17)))
        #expect(self.day("monday", now: self.sunday) == TestClock.day(2025, 3, 17))
    }

    @Test("tomorrow on December 31 is January 1 of the next year; in two weeks crosses the year")
    func yearEdge() {
        let newYearsEve = TestClock.date(2025, 12, 31, 10, 0)
        #expect(self.day("tomorrow afternoon", now: newYearsEve) == TestClock.day(2026, 1, 1))
        #expect(self.day("in two weeks", now: newYearsEve) == TestClock.day(2026, 1, 14))
        #expect(self.day("the day after tomorrow", now: newYearsEve) == TestClock.day(2026, 1, 2))
        #expect(self.day("on March 3rd", now: newYearsEve) == TestClock.day(2026, 3, 3))
        #expect(self.day("next friday", now: newYearsEve) == TestClock.day(2026, 1, 9))
    }

    @Test("the 31st said in a 30-day month is the 31st of the next month that has one")
    func thirtyFirstInThirtyDayMonth() {
        let april = TestClock.date(2025, 4, 10)
        #expect(self.day("the 31st", now: april) == TestClock.day(2025, 5, 31))
        #expect(self.day("the thirtieth", now: april) == TestClock.day(2025, 4, 30))
        #expect(self.day("the fifth", now: april) == TestClock.day(2025, 5, 5), "already past this month")
        #expect(self.day("the tenth", now: april) == TestClock.day(2025, 4, 10), "today counts")
    }

    @Test("February 29 and the 30th in February wait for a month and a year that have them")
    func february() {
        let february = TestClock.date(2025, 2, 10)
        #expect(self.day("the thirtieth", now: february) == TestClock.day(2025, 3, 30))
        #expect(self.day("on february 29th", now: february) == TestClock.day(2028, 2, 29))
        #expect(self.day("on february 29th", now: TestClock.date(2024, 2, 27)) == TestClock.day(2024, 2, 29))
    }

    @Test("the time zone decides what 'tomorrow' is near midnight")
    func timeZone() {
        // 2025-03-11 03:00 UTC is still March 10 at UTC-5.
        let now = TestClock.date(2025, 3, 11, 3, 0, offsetHours: 0)
        #expect(TestClock.understand("tomorrow", now: now, offsetHours: 0).slots.day == TestClock.day(2025, 3, 12))
        #expect(TestClock.understand("tomorrow", now: now, offsetHours: -5).slots.day == TestClock.day(2025, 3, 11))
    }

    @Test("as soon as possible, asap and the earliest you have")
    func asSoonAsPossible() {
        for text in ["as soon as possible", "asap please", "whatever is the earliest you have", "first available"] {
            #expect(self.day(text, now: self.tuesday) == .asSoonAsPossible, "\(text)")
        }
        #expect(self.day("tomorrow if you can, as soon as possible", now: self.tuesday) == TestClock.day(2025, 3, 12))
    }

    @Test(
        "clock times in digits and words, with cues and parts of the day",
        arguments: [
            ("3:30 pm", "15:30"), ("at three thirty", "15:30"), ("half past two", "14:30"),
            ("quarter to five", "16:45"), ("quarter past nine", "09:15"), ("twenty to five", "16:40"),
            ("after 4", "after 16:00"), ("before noon", "before 12:00"), ("by 10", "before 10:00"),
            ("at 10am", "10:00"), ("at 9", "09:00"), ("at two oh five", "14:05"), ("at noon", "12:00"),
            ("three in the afternoon at three", "15:00"), ("at 8 in the evening", "20:00"), ("morning", "morning"),
            ("sometime in the afternoon", "afternoon"), ("tonight", "evening"), ("after lunch", "after 13:00"),
            ("at 11 oclock", "11:00"), ("10 o'clock", "10:00"),
        ])
    func times(text: String, expected: String) {
        #expect(TestClock.understand(text).slots.time?.description == expected)
    }

    @Test("counts are not times: two weeks, one of my pills, good morning")
    func notTimes() {
        #expect(TestClock.understand("in two weeks").slots.time == nil)
        #expect(TestClock.understand("I took one of my pills").slots.time == nil)
        #expect(TestClock.understand("good morning, I need a refill").slots.time == nil)
    }

    @Test("the fifteenth at three thirty gives a start in the practice's time zone")
    func requestedStart() throws {
        let result = TestClock.understand("can I come in the fifteenth at three thirty", now: self.tuesday)
        #expect(result.slots.day == TestClock.day(2025, 3, 15))
        #expect(result.slots.time == .at(ClockTime(hour: 15, minute: 30)))
        let start = try #require(result.requestedStart)
        #expect(start == TestClock.date(2025, 3, 15, 15, 30))
    }
}
