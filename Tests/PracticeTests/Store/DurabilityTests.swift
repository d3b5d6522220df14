import Foundation
import Practice
import Testing

/// What a database file keeps once its store is closed and opened again.
@Suite("Schedule store durability")
struct DurabilityTests {
    @Test("a confirmed booking, a cancellation and a call record survive closing and reopening the file")
    func survivesReopen() throws {
        let path = try StoreFixture.databasePath()
        let now = StoreFixture.now
        let kept = try StoreFixture.slot("Dr. Lee", "2026-12-10", 4)
        let dropped = try StoreFixture.slot("Dr. Lee", "2026-12-10", 5)
        let record = CallRecord(
            id: "call-7", callerNumber: "+15550123", startedAt: now, endedAt: now.addingTimeInterval(95),
            intent: "book", outcome: "booked", transcript: "agent: Riverside Family Practice\ncaller: a booking",
            actions: ["book Dr. Lee"], turnLatencyMilliseconds: [212.5, 240])

        let (patientID, keptID, droppedID): (Int64, Int64, Int64)
        do {
            let store = try ScheduleStore(path: path, practice: StoreFixture.practice)
            patientID = try StoreFixture.patient(store).id
            guard
                case .booked(let first) = try store.book(
                    patientID: patientID, doctorName: "Dr. Lee", start: kept, now: now),
                case .booked(let second) = try store.book(
                    patientID: patientID, doctorName: "Dr. Lee", start: dropped, now: now)
            else {
                Issue.record("the setup bookings failed")
                return
            }
            (keptID, droppedID) = (first.id, second.id)
            try store.cancel(appointmentID: droppedID, now: now)
            try store.recordCall(record)
        }

        let reopened = try ScheduleStore(path: path, practice: StoreFixture.practice)
        #expect(try reopened.upcomingAppointments(patientID: patientID, now: now).map(\.id) == [keptID])
        #expect(try reopened.appointment(id: droppedID)?.status == .cancelled)
        #expect(try reopened.callRecord(id: "call-7") == record)
        #expect(try reopened.book(patientID: patientID, doctorName: "Dr. Lee", start: kept, now: now) == .taken)
    }

    @Test("recording a call again replaces it; an end before the start is refused")
    func callRecordUpdates() throws {
        let store = try StoreFixture.memoryStore()
        let now = StoreFixture.now
        var record = CallRecord(id: "call-1", startedAt: now)
        try store.recordCall(record)
        record.endedAt = now.addingTimeInterval(30)
        record.outcome = "answered"
        try store.recordCall(record)
        #expect(try store.callRecord(id: "call-1") == record)
        #expect(try store.callRecord(id: "call-2") == nil)

        record.endedAt = now.addingTimeInterval(-1)
        #expect(throws: ScheduleStoreError.self) { try store.recordCall(record) }
    }
}
