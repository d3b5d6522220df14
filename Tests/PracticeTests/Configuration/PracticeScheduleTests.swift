import Foundation
import Practice
import Testing

/// Open or closed at an instant, the next opening, and a doctor's slots, all from fixed instants.
@Suite("Practice schedule queries")
struct PracticeScheduleTests {
    typealias Fixture = PracticeFixture

    let riverside = PracticeConfiguration.default

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(text)) }

    func doctor(_ name: String) throws -> Doctor { try #require(self.riverside.doctor(withName: name)) }

    @Test(
        "open from the first minute of a range up to, not including, its end (New York, EST in December)",
        arguments: [
            ("2026-12-07T08:29:59-05:00", false), ("2026-12-07T08:30:00-05:00", true),
            ("2026-12-07T17:59:59-05:00", true), ("2026-12-07T18:00:00-05:00", false),
            ("2026-12-12T09:00:00-05:00", true), ("2026-12-12T12:00:00-05:00", false),
            ("2026-12-13T10:00:00-05:00", false),
        ])
    func openAtInstant(instant: String, isOpen: Bool) {
        #expect(self.riverside.isOpen(at: Fixture.instant(instant)) == isOpen)
    }

    @Test(
        "dated exceptions replace the weekday's hours: Christmas Eve closes at noon, Christmas Day not at all",
        arguments: [
            ("2026-12-24T11:59:00-05:00", true), ("2026-12-24T12:00:00-05:00", false),
            ("2026-12-25T10:00:00-05:00", false), ("2026-12-18T10:00:00-05:00", true),
        ])
    func openOnExceptions(instant: String, isOpen: Bool) {
        #expect(self.riverside.isOpen(at: Fixture.instant(instant)) == isOpen)
    }

    @Test(
        "the practice's time zone decides, summer time included: 12:45 UTC is 07:45 before the change, 08:45 after"
    )
    func openAcrossDaylightSaving() {
        #expect(!self.riverside.isOpen(at: Fixture.instant("2026-03-06T12:45:00Z")), "Friday, EST: 07:45")
        #expect(self.riverside.isOpen(at: Fixture.instant("2026-03-09T12:45:00Z")), "Monday, EDT: 08:45")
    }

    @Test("the same instant is open in Sydney and closed in New York, and the date is Sydney's")
    func openInAnotherZone() throws {
        let sydney = try Fixture.practice(Fixture.json(timeZone: #""Australia/Sydney""#))
        let instant = Fixture.instant("2026-12-06T22:00:00Z")  // Sunday in UTC, Monday 09:00 in Sydney (AEDT)
        #expect(sydney.isOpen(at: instant))
        #expect(!self.riverside.isOpen(at: instant))
        #expect(sydney.localTime(of: instant)?.date.description == "2026-12-07")
        #expect(sydney.localTime(of: instant)?.time.description == "09:00")
    }

    @Test(
        "the next opening skips evenings, Sunday, closed days and short days",
        arguments: [
            ("2026-12-07T07:00:00-05:00", "2026-12-07T08:30:00-05:00"),  // Monday before opening
            ("2026-12-07T08:30:00-05:00", "2026-12-08T08:30:00-05:00"),  // opening now is not after now
            ("2026-12-07T10:00:00-05:00", "2026-12-08T08:30:00-05:00"),  // open: the next morning
            ("2026-12-11T18:30:00-05:00", "2026-12-12T09:00:00-05:00"),  // Friday evening to Saturday
            ("2026-12-12T12:00:00-05:00", "2026-12-14T08:30:00-05:00"),  // Saturday noon over Sunday
            ("2026-12-13T23:59:00-05:00", "2026-12-14T08:30:00-05:00"),  // Sunday night
            ("2026-12-24T12:30:00-05:00", "2026-12-26T09:00:00-05:00"),  // over Christmas Day to Saturday
            ("2026-12-31T18:00:00-05:00", "2027-01-02T09:00:00-05:00"),  // over New Year's Day
        ])
    func nextOpening(after: String, expected: String) {
        #expect(self.riverside.nextOpening(after: Fixture.instant(after)) == Fixture.instant(expected))
    }

    @Test("the next opening finds special hours on a day that is usually closed, and nil when it never opens")
    func nextOpeningEdges() throws {
        let sundayClinic = try Fixture.practice(
            Fixture.json(
                extra: #""exceptions": [{"date": "2027-03-07", "hours": "10:00-12:00", "note": "Flu clinic"}]"#)
        )
        let saturdayNoon = Fixture.instant("2027-03-06T12:00:00-05:00")
        #expect(sundayClinic.nextOpening(after: saturdayNoon) == Fixture.instant("2027-03-07T10:00:00-05:00"))
        #expect(sundayClinic.exception(on: try self.date("2027-03-07"))?.note == "Flu clinic")

        let neverOpen = try Fixture.practice(Fixture.json(openingHours: "{}"))
        #expect(neverOpen.nextOpening(after: saturdayNoon) == nil)
        #expect(!neverOpen.isOpen(at: saturdayNoon))
    }

    @Test("a doctor's slots step by the appointment length through working hours")
    func slots() throws {
        let monday = try self.date("2026-12-07")
        let patel = self.riverside.slotTimes(for: try self.doctor("Dr. Patel"), on: monday).map(\.description)
        #expect(patel.count == 32)
        #expect(patel.first == "09:00" && patel.last == "16:45")

        let lee = self.riverside.slotTimes(for: try self.doctor("Dr. Lee"), on: monday).map(\.description)
        #expect(lee.count == 14 + 20)
        #expect(lee.contains("11:45") && !lee.contains("12:00") && !lee.contains("12:45") && lee.contains("13:00"))

        #expect(
            self.riverside.slotStarts(for: try self.doctor("Dr. Patel"), on: monday).first
                == Fixture.instant("2026-12-07T09:00:00-05:00"))
    }

    @Test("no slots on Sunday or a closed day; a short day keeps only the slots inside its hours")
    func slotsOnExceptions() throws {
        for doctor in self.riverside.doctors {
            #expect(self.riverside.slotTimes(for: doctor, on: try self.date("2026-12-13")).isEmpty, "Sunday")
            #expect(self.riverside.slotTimes(for: doctor, on: try self.date("2026-12-25")).isEmpty, "Christmas")
        }
        let christmasEve = try self.date("2026-12-24")  // Thursday, open 08:30-12:00
        #expect(self.riverside.slotTimes(for: try self.doctor("Dr. Patel"), on: christmasEve).isEmpty)
        let grant = self.riverside.slotTimes(for: try self.doctor("Dr. Grant"), on: christmasEve).map(\.description)
        #expect(grant.count == 14 && grant.last == "11:45")
    }

    @Test("slots stay on the doctor's grid when an exception starts off it")
    func slotsOnGrid() throws {
        let practice = try Fixture.practice(
            Fixture.json(
                doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 30}]"#,
                extra: #""exceptions": [{"date": "2026-12-07", "hours": "10:10-12:00"}]"#))
        let doctor = try #require(practice.doctors.first)
        #expect(
            practice.slotTimes(for: doctor, on: try self.date("2026-12-07")).map(\.description) == [
                "10:30", "11:00", "11:30",
            ])
        #expect(practice.slotTimes(for: doctor, on: try self.date("2026-12-08")).count == 19)
    }
}
