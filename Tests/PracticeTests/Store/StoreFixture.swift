import AttendantTestSupport
import Foundation
import Practice
import Testing

/// The Riverside practice, a fixed "now" and slots picked from its own slot query, for the store tests.
enum StoreFixture {
    static let practice = PracticeConfiguration.default

    /// Monday 7 December 2026, 09:00 in New York.
    static let now = PracticeFixture.instant("2026-12-07T09:00:00-05:00")

    /// The `index`th bookable start of `doctor` on `date` (`YYYY-MM-DD`).
    static func slot(_ doctor: String, _ date: String, _ index: Int = 0) throws -> Date {
        let doctor = try #require(self.practice.doctor(withName: doctor))
        let day = try #require(LocalDate(date))
        let starts = self.practice.slotStarts(for: doctor, on: day)
        return try #require(starts.indices.contains(index) ? starts[index] : nil, "no slot \(index) on \(date)")
    }

    /// A path for a database file in a fresh scratch folder.
    static func databasePath() throws -> String {
        try TestPaths.makeScratchDirectory(label: "attendant-store").appendingPathComponent("schedule.sqlite").path
    }

    /// A private in-memory store on the Riverside practice.
    static func memoryStore() throws -> ScheduleStore {
        try ScheduleStore(path: ":memory:", practice: self.practice)
    }

    /// A registered patient.
    static func patient(_ store: ScheduleStore, _ name: String = "Maria Lopez") throws -> Patient {
        try store.findOrRegisterPatient(name: name, dateOfBirth: try #require(LocalDate("1984-03-09")))
    }
}
