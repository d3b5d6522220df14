import Foundation
import Practice
import Testing

/// Booking, holds, cancelling and rescheduling on one store, at fixed instants.
@Suite("Schedule store bookings")
struct BookingTests {
    let store: ScheduleStore
    let patient: Patient
    let now = StoreFixture.now

    init() throws {
        self.store = try StoreFixture.memoryStore()
        self.patient = try StoreFixture.patient(self.store)
    }

    func booked(_ result: BookingResult) throws -> Appointment {
        guard case .booked(let appointment) = result else {
            Issue.record("expected a booking, got \(result)")
            throw ScheduleStoreError.invalidArgument("not booked")
        }
        return appointment
    }

    @Test("a free slot is booked with the doctor's length; the same slot again is taken")
    func bookThenTaken() throws {
        let start = try StoreFixture.slot("Dr. Lee", "2026-12-10", 6)
        let other = try StoreFixture.patient(self.store, "John Smith")

        let appointment = try self.booked(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Lee", start: start, now: self.now))
        #expect(appointment.start == start)
        #expect(appointment.doctorName == "Dr. Lee")
        #expect(appointment.lengthMinutes == 15)
        #expect(appointment.status == .booked)
        #expect(appointment.createdAt == self.now)

        #expect(try self.store.book(patientID: other.id, doctorName: "Dr. Lee", start: start, now: self.now) == .taken)
        #expect(
            try self.store.book(patientID: other.id, doctorName: "Dr. Patel", start: start, now: self.now) != .taken)
    }

    @Test(
        "a start that is not one of the doctor's slots after now is not bookable",
        arguments: [
            ("Dr. Lee", "2026-12-10T10:05:00-05:00"),  // off the 15-minute grid
            ("Dr. Lee", "2026-12-10T12:15:00-05:00"),  // Dr. Lee's lunch break
            ("Dr. Lee", "2026-12-13T10:00:00-05:00"),  // Sunday, closed
            ("Dr. Lee", "2026-12-25T10:00:00-05:00"),  // Christmas Day, closed
            ("Dr. Lee", "2026-12-07T08:30:00-05:00"),  // before now
            ("Dr. Nobody", "2026-12-10T10:00:00-05:00"),  // not a doctor of the practice
        ])
    func notBookable(doctor: String, instant: String) throws {
        let start = PracticeFixture.instant(instant)
        #expect(
            try self.store.book(patientID: self.patient.id, doctorName: doctor, start: start, now: self.now)
                == .notBookable)
        #expect(try self.store.hold(doctorName: doctor, start: start, callID: "call-1", now: self.now) == .notBookable)
    }

    @Test("booking for a patient who does not exist throws, it does not book")
    func unknownPatient() throws {
        let start = try StoreFixture.slot("Dr. Lee", "2026-12-10")
        #expect(throws: ScheduleStoreError.unknownPatient(9999)) {
            try self.store.book(patientID: 9999, doctorName: "Dr. Lee", start: start, now: self.now)
        }
        #expect(try self.store.upcomingAppointments(patientID: self.patient.id, now: self.now).isEmpty)
    }

    @Test("a hold blocks other calls until it expires, then it does not; the holder books through it")
    func holdsBlockUntilExpiry() throws {
        let start = try StoreFixture.slot("Dr. Patel", "2026-12-08", 3)
        let expiry = self.now.addingTimeInterval(120)
        let beforeExpiry = self.now.addingTimeInterval(119)

        #expect(
            try self.store.hold(doctorName: "Dr. Patel", start: start, callID: "A", now: self.now)
                == .held(until: expiry))
        #expect(
            try self.store.hold(doctorName: "Dr. Patel", start: start, callID: "B", now: beforeExpiry)
                == .heldByAnotherCall(until: expiry))
        #expect(
            try self.store.book(
                patientID: self.patient.id, doctorName: "Dr. Patel", start: start, callID: "B", now: beforeExpiry)
                == .heldByAnotherCall(until: expiry))
        #expect(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Patel", start: start, now: beforeExpiry)
                == .heldByAnotherCall(until: expiry))

        // At the expiry instant the hold is gone: B can hold, and now A is the one refused.
        #expect(
            try self.store.hold(doctorName: "Dr. Patel", start: start, callID: "B", now: expiry)
                == .held(until: expiry.addingTimeInterval(120)))
        #expect(
            try self.store.book(
                patientID: self.patient.id, doctorName: "Dr. Patel", start: start, callID: "A", now: expiry)
                == .heldByAnotherCall(until: expiry.addingTimeInterval(120)))
        _ = try self.booked(
            try self.store.book(
                patientID: self.patient.id, doctorName: "Dr. Patel", start: start, callID: "B", now: expiry))
        #expect(try self.store.hold(doctorName: "Dr. Patel", start: start, callID: "A", now: expiry) == .taken)
    }

    @Test("holds are bounded and need a call id; released holds free the slot at once")
    func holdLimitsAndRelease() throws {
        let start = try StoreFixture.slot("Dr. Grant", "2026-12-08")
        #expect(throws: ScheduleStoreError.self) {
            try self.store.hold(
                doctorName: "Dr. Grant", start: start, callID: "A", now: self.now, duration: .seconds(3600))
        }
        #expect(throws: ScheduleStoreError.self) {
            try self.store.hold(doctorName: "Dr. Grant", start: start, callID: "", now: self.now)
        }
        #expect(throws: ScheduleStoreError.self) {
            try self.store.hold(doctorName: "Dr. Grant", start: start, callID: "A", now: self.now, duration: .zero)
        }

        _ = try self.store.hold(doctorName: "Dr. Grant", start: start, callID: "A", now: self.now)
        #expect(try self.store.releaseHolds(callID: "A") == 1)
        #expect(
            try self.store.hold(doctorName: "Dr. Grant", start: start, callID: "B", now: self.now)
                == .held(until: self.now.addingTimeInterval(120)))
    }

    @Test("cancelling keeps the row, marked cancelled, frees the slot and refuses a second cancel")
    func cancelKeepsHistory() throws {
        let start = try StoreFixture.slot("Dr. Lee", "2026-12-10", 2)
        let appointment = try self.booked(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Lee", start: start, now: self.now))
        let later = self.now.addingTimeInterval(60)

        let cancelled = try self.store.cancel(appointmentID: appointment.id, now: later)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.changedAt == later)
        #expect(try self.store.appointmentHistory(patientID: self.patient.id) == [cancelled])
        #expect(try self.store.upcomingAppointments(patientID: self.patient.id, now: later).isEmpty)
        #expect(throws: ScheduleStoreError.appointmentNotBooked(id: appointment.id, status: .cancelled)) {
            try self.store.cancel(appointmentID: appointment.id, now: later)
        }
        #expect(throws: ScheduleStoreError.unknownAppointment(9999)) {
            try self.store.cancel(appointmentID: 9999, now: later)
        }

        _ = try self.booked(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Lee", start: start, now: later))
    }

    @Test("rescheduling books the new slot, marks the old one rescheduled and links them")
    func rescheduleLinks() throws {
        let oldStart = try StoreFixture.slot("Dr. Lee", "2026-12-10", 1)
        let newStart = try StoreFixture.slot("Dr. Patel", "2026-12-09", 4)
        let old = try self.booked(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Lee", start: oldStart, now: self.now))

        let new = try self.booked(
            try self.store.reschedule(appointmentID: old.id, to: newStart, doctorName: "Dr. Patel", now: self.now))
        #expect(new.replacesID == old.id)
        #expect(new.patientID == self.patient.id)
        #expect(try self.store.appointment(id: old.id)?.status == .rescheduled)
        #expect(try self.store.upcomingAppointments(patientID: self.patient.id, now: self.now) == [new])
        #expect(try self.store.appointmentHistory(patientID: self.patient.id).map(\.status) == [.rescheduled, .booked])
    }

    @Test("a reschedule whose new slot is taken changes nothing: the old booking is untouched")
    func rescheduleIsAtomic() throws {
        let oldStart = try StoreFixture.slot("Dr. Lee", "2026-12-10", 1)
        let newStart = try StoreFixture.slot("Dr. Lee", "2026-12-10", 2)
        let other = try StoreFixture.patient(self.store, "John Smith")
        let old = try self.booked(
            try self.store.book(patientID: self.patient.id, doctorName: "Dr. Lee", start: oldStart, now: self.now))
        let blocker = try self.booked(
            try self.store.book(patientID: other.id, doctorName: "Dr. Lee", start: newStart, now: self.now))

        let later = self.now.addingTimeInterval(60)
        #expect(try self.store.reschedule(appointmentID: old.id, to: newStart, now: later) == .taken)
        #expect(try self.store.appointment(id: old.id) == old)
        #expect(try self.store.appointment(id: blocker.id) == blocker)
        #expect(try self.store.appointmentHistory(patientID: self.patient.id) == [old])

        // A held or unbookable new slot is refused the same way.
        let held = try StoreFixture.slot("Dr. Lee", "2026-12-10", 3)
        _ = try self.store.hold(doctorName: "Dr. Lee", start: held, callID: "other", now: later)
        #expect(
            try self.store.reschedule(appointmentID: old.id, to: held, callID: "mine", now: later)
                == .heldByAnotherCall(until: later.addingTimeInterval(120)))
        #expect(
            try self.store.reschedule(
                appointmentID: old.id, to: PracticeFixture.instant("2026-12-13T10:00:00-05:00"), now: later)
                == .notBookable)
        #expect(try self.store.appointment(id: old.id) == old)
    }

    @Test("upcoming appointments are the booked ones from now on, soonest first")
    func upcoming() throws {
        let first = try StoreFixture.slot("Dr. Grant", "2026-12-08", 0)
        let second = try StoreFixture.slot("Dr. Lee", "2026-12-08", 5)
        let third = try StoreFixture.slot("Dr. Patel", "2026-12-10", 0)
        for (doctor, start) in [("Dr. Patel", third), ("Dr. Lee", second), ("Dr. Grant", first)] {
            _ = try self.store.book(patientID: self.patient.id, doctorName: doctor, start: start, now: self.now)
        }
        let upcoming = try self.store.upcomingAppointments(patientID: self.patient.id, now: self.now)
        #expect(upcoming.map(\.start) == [first, second, third])
        #expect(
            try self.store.upcomingAppointments(patientID: self.patient.id, now: second).map(\.start) == [
                second, third,
            ])
    }
}
