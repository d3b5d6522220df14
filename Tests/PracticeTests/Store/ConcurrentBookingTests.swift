import Foundation
import Practice
import Synchronization
import Testing

/// Many connections racing for one slot through the same database file.
@Suite("Schedule store concurrency")
struct ConcurrentBookingTests {
    /// What each thread saw, collected under a lock.
    final class Outcomes: Sendable {
        let values = Mutex<[String]>([])

        func append(_ value: String) { self.values.withLock { $0.append(value) } }
    }

    @Test("50 threads, each with its own connection, book the same slot: exactly one succeeds, 49 see it taken")
    func fiftyBookingsOneWinner() throws {
        let threadCount = 50
        let path = try StoreFixture.databasePath()
        let start = try StoreFixture.slot("Dr. Grant", "2026-12-08", 10)
        let now = StoreFixture.now

        // One connection creates the file and the patients, so the race is only about the booking.
        var patientIDs: [Int64] = []
        do {
            let setup = try ScheduleStore(path: path, practice: StoreFixture.practice)
            for index in 0..<threadCount {
                patientIDs.append(try StoreFixture.patient(setup, "Patient \(index)").id)
            }
        }

        let outcomes = Outcomes()
        let ready = DispatchGroup()
        let finished = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        for patientID in patientIDs {
            ready.enter()
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                let store: ScheduleStore
                do {
                    // A generous bound on waiting for the write lock, not a timing assertion.
                    store = try ScheduleStore(path: path, practice: StoreFixture.practice, busyTimeout: .seconds(120))
                } catch {
                    ready.leave()
                    outcomes.append("open failed: \(error)")
                    return
                }
                ready.leave()
                gate.wait()
                do {
                    switch try store.book(patientID: patientID, doctorName: "Dr. Grant", start: start, now: now) {
                    case .booked: outcomes.append("booked")
                    case .taken: outcomes.append("taken")
                    case let other: outcomes.append("\(other)")
                    }
                } catch {
                    outcomes.append("book failed: \(error)")
                }
            }
            thread.start()
        }
        ready.wait()
        for _ in 0..<threadCount { gate.signal() }
        finished.wait()

        let seen = outcomes.values.withLock { $0 }
        #expect(seen.count == threadCount)
        #expect(seen.filter { $0 == "booked" }.count == 1)
        #expect(seen.filter { $0 == "taken" }.count == threadCount - 1, "\(Set(seen))")

        let check = try ScheduleStore(path: path, practice: StoreFixture.practice)
        let booked = try patientIDs.flatMap { try check.upcomingAppointments(patientID: $0, now: now) }
        #expect(booked.count == 1)
        #expect(booked.first?.start == start)
    }
}
