import AttendantTestSupport
import Dialogue
import Foundation
import Practice
import Testing
import Understanding

@testable import Call

@Suite("Slot finder") struct SlotFinderTests {
    let practice = PracticeConfiguration.default
    let store: ScheduleStore
    let now: Date

    init() throws {
        self.store = try ScheduleStore(path: ":memory:", practice: self.practice)
        // Monday 7 December 2026, 09:00 at the practice.
        self.now = self.practice.instant(on: LocalDate("2026-12-07")!, at: Practice.ClockTime("09:00")!)!
    }

    var finder: SlotFinder { SlotFinder(store: self.store, practice: self.practice) }

    func local(_ offer: SlotOffer) -> String {
        let (date, time) = self.practice.localTime(of: offer.start)!
        return "\(offer.doctor) \(date) \(time)"
    }

    func query(doctor: String?, day: DayPreference?, time: TimePreference?) -> SlotQuery {
        SlotQuery(doctor: doctor, day: day, time: time, notBefore: self.now)
    }

    @Test("A named doctor on a named day in the afternoon gets that afternoon's first two slots")
    func namedDoctorDayAndPart() throws {
        let offers = try self.finder.offers(
            for: self.query(
                doctor: "Dr. Patel", day: .date(CalendarDay(year: 2026, month: 12, day: 8)),
                time: .partOfDay(.afternoon)),
            callID: "c1", now: self.now)
        #expect(offers.map(self.local) == ["Dr. Patel 2026-12-08 12:00", "Dr. Patel 2026-12-08 12:15"])
    }

    @Test("An asked time gets the nearest slots first")
    func nearestToAskedTime() throws {
        let offers = try self.finder.offers(
            for: self.query(
                doctor: "Dr. Lee", day: .date(CalendarDay(year: 2026, month: 12, day: 10)),
                time: .at(HeardClockTime(hour: 10, minute: 30))),
            callID: "c1", now: self.now)
        #expect(offers.first.map(self.local) == "Dr. Lee 2026-12-10 10:30")
        #expect(offers.count == 2)
    }

    @Test("Booked slots and slots another call holds are skipped; the offered ones are held for this call")
    func skipsTakenAndHeld() throws {
        let tuesday = LocalDate("2026-12-08")!
        let nine = self.practice.instant(on: tuesday, at: Practice.ClockTime("09:00")!)!
        let patient = try self.store.findOrRegisterPatient(name: "A B", dateOfBirth: LocalDate("1980-01-01")!)
        _ = try self.store.book(patientID: patient.id, doctorName: "Dr. Patel", start: nine, now: self.now)
        _ = try self.store.hold(
            doctorName: "Dr. Patel", start: nine.addingTimeInterval(900), callID: "other", now: self.now)

        let query = self.query(
            doctor: "Dr. Patel", day: .date(CalendarDay(year: 2026, month: 12, day: 8)), time: .partOfDay(.morning))
        let offers = try self.finder.offers(for: query, callID: "c1", now: self.now)
        #expect(offers.map(self.local) == ["Dr. Patel 2026-12-08 09:30", "Dr. Patel 2026-12-08 09:45"])
        // A second call asking the same now gets the next two.
        let second = try self.finder.offers(for: query, callID: "c2", now: self.now)
        #expect(second.map(self.local) == ["Dr. Patel 2026-12-08 10:00", "Dr. Patel 2026-12-08 10:15"])
    }

    @Test("A day the practice is closed, or already past, offers nothing")
    func closedOrPastDay() throws {
        let sunday = self.query(doctor: nil, day: .date(CalendarDay(year: 2026, month: 12, day: 13)), time: nil)
        #expect(try self.finder.offers(for: sunday, callID: "c1", now: self.now).isEmpty)
        let past = self.query(doctor: nil, day: .date(CalendarDay(year: 2026, month: 12, day: 1)), time: nil)
        #expect(try self.finder.offers(for: past, callID: "c1", now: self.now).isEmpty)
    }

    @Test("As soon as possible is the first free slot after now, with any doctor")
    func asSoonAsPossible() throws {
        let offers = try self.finder.offers(
            for: self.query(doctor: nil, day: .asSoonAsPossible, time: nil), callID: "c1", now: self.now)
        let first = try #require(offers.first)
        #expect(first.start > self.now)
        #expect(first.start <= self.now.addingTimeInterval(15 * 60))
    }
}
