import AttendantTestSupport
import Foundation
import Practice
import Testing

/// The embedded default practice and its copy in `fixtures/practice/riverside.json`.
@Suite("Default practice")
struct DefaultPracticeTests {
    let practice = PracticeConfiguration.default

    @Test("the default is Riverside Family Practice with its three doctors and 911")
    func identity() {
        #expect(self.practice.name == "Riverside Family Practice")
        #expect(self.practice.address.hasPrefix("12 River Street"))
        #expect(self.practice.directions?.isEmpty == false)
        #expect(self.practice.timeZone.identifier == "America/New_York")
        #expect(self.practice.doctors.map(\.name) == ["Dr. Grant", "Dr. Patel", "Dr. Lee"])
        #expect(self.practice.doctors.allSatisfy { $0.appointmentMinutes == 15 })
        #expect(self.practice.emergencyNumber == "911")
        #expect(self.practice.afterHours == .emergencyInstructionsThenMessage)
        #expect(self.practice.transferTarget(named: "reception")?.number == "201")
        #expect(Set(self.practice.faq.keys).isSuperset(of: ["parking", "hours", "address"]))
        #expect(!self.practice.services.isEmpty)
    }

    @Test("open Monday to Friday 08:30-18:00 and Saturday 09:00-12:00, closed on Sunday")
    func openingHours() {
        for weekday in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] {
            #expect(self.practice.openingHours[weekday].map(\.description) == ["08:30-18:00"], "\(weekday)")
        }
        #expect(self.practice.openingHours[.saturday].map(\.description) == ["09:00-12:00"])
        #expect(self.practice.openingHours[.sunday].isEmpty)
        #expect(self.practice.exceptions.map(\.date.description) == ["2026-12-24", "2026-12-25", "2027-01-01"])
    }

    @Test("the fixture is the embedded text byte for byte, so the example to copy is the default")
    func fixtureMatches() throws {
        let url = TestPaths.fixture("practice/riverside.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == PracticeConfiguration.defaultJSON, "update DefaultPractice.swift and the fixture together")
        #expect(try PracticeConfiguration(contentsOf: url) == self.practice)
    }
}
